using Azure.Storage.Queues.Models;
using MentoringFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>What one invocation did: whether it succeeded (a throw asks the host to retry) and what it logged.</summary>
public sealed record Invocation(bool Succeeded, Exception? Error, IReadOnlyList<string> Logs);

/// <summary>
/// Invokes a function named in functions.metadata on a service provider, as the worker does: a new
/// instance of its class from a scope, parameters bound from the trigger. Logs written meanwhile
/// are captured (when the provider has a <see cref="LogCapture"/>).
/// </summary>
public static class Functions
{
    public static async Task<Invocation> InvokeAsync(IServiceProvider services, string name, TriggerInput input)
    {
        var function = services.GetRequiredService<FunctionApp>().Functions.Single(f => f.Name == name);
        var invoker = new FunctionInvoker(function, typeof(Program).Assembly);
        using var capture = LogCapture.Begin();
        try
        {
            await using var scope = services.CreateAsyncScope();
            await invoker.InvokeAsync(scope.ServiceProvider, input, CancellationToken.None);
            return new Invocation(true, null, capture.Lines);
        }
        catch (Exception ex)
        {
            return new Invocation(false, ex, capture.Lines);
        }
    }

    public static Task<Invocation> QueueAsync(IServiceProvider services, string name, string body, long dequeueCount = 1) =>
        InvokeAsync(services, name, new TriggerInput(Message: QueuesModelFactory.QueueMessage(
            Guid.NewGuid().ToString("N"), "pop", body, dequeueCount)));

    public static Task<Invocation> TimerAsync(IServiceProvider services, string name) =>
        InvokeAsync(services, name,
            new TriggerInput(Timer: new TimerInfo { ScheduleStatus = new ScheduleStatus(), IsPastDue = false }));
}

/// <summary>Records log lines written on the current async flow while a capture is open.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private static readonly AsyncLocal<Scope?> Current = new();

    public static Scope Begin() => Current.Value = new Scope();

    public ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose() { }

    public sealed class Scope : IDisposable
    {
        private readonly List<string> _lines = [];
        public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }
        internal void Add(string line) { lock (_lines) _lines.Add(line); }
        public void Dispose() => Current.Value = null;
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => Current.Value is not null;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => Current.Value?.Add(formatter(state, exception));
    }
}
