using System.Reflection;
using Azure.Storage.Queues.Models;

namespace MentoringFunctions.Hosting;

/// <summary>What a trigger hands to a function: the request, the timer's state or the queue message.</summary>
public sealed record TriggerInput(HttpContext? Http = null, TimerInfo? Timer = null, QueueMessage? Message = null);

/// <summary>
/// Calls a [Function] method named by functions.metadata as the worker does: a new instance of its
/// class from the app's services for each invocation, parameters bound from the trigger (route
/// values by name). Parameters it cannot bind are found at start-up, not at the first request.
/// </summary>
public sealed class FunctionInvoker
{
    private static readonly System.Diagnostics.ActivitySource Source = new(PlatformExtensions.ActivitySourceName);
    private readonly MethodInfo _method;
    private readonly ObjectFactory _factory;

    public FunctionInvoker(FunctionMetadata function, Assembly assembly)
    {
        Function = function;
        var split = function.EntryPoint.LastIndexOf('.');
        var type = assembly.GetType(function.EntryPoint[..split], throwOnError: true)!;
        _method = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Single(m => m.Name == function.EntryPoint[(split + 1)..] &&
                m.GetCustomAttribute<FunctionAttribute>()?.Name == function.Name);
        _factory = ActivatorUtilities.CreateFactory(type, []);
        foreach (var p in _method.GetParameters())
            if (!CanBind(p))
                throw new InvalidOperationException(
                    $"{function.Name}: the local host cannot bind parameter '{p.Name}' ({p.ParameterType.Name}).");
    }

    public FunctionMetadata Function { get; }

    public async Task<object?> InvokeAsync(IServiceProvider services, TriggerInput input, CancellationToken ct)
    {
        // One span per invocation, as the worker makes in Azure, so local traces read the same.
        using var activity = Source.StartActivity(Function.Name);
        activity?.SetTag("faas.trigger", Function.IsHttp ? "http" : Function.IsTimer ? "timer" : "datasource");
        var instance = _method.IsStatic ? null : _factory(services, []);
        try
        {
            var args = _method.GetParameters().Select(p => Bind(p, input, ct)).ToArray();
            var returned = _method.Invoke(instance, args);
            if (returned is not Task task) return returned;
            await task;
            return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        finally
        {
            if (instance is IAsyncDisposable ad) await ad.DisposeAsync();
            else if (instance is IDisposable d) d.Dispose();
        }
    }

    private bool CanBind(ParameterInfo p) =>
        p.ParameterType == typeof(CancellationToken) ||
        (Function.IsHttp && (p.ParameterType == typeof(HttpRequest) || p.ParameterType == typeof(string))) ||
        (Function.IsTimer && p.ParameterType == typeof(TimerInfo)) ||
        (Function.IsQueue && (p.ParameterType == typeof(QueueMessage) || p.ParameterType == typeof(string)));

    private static object? Bind(ParameterInfo p, TriggerInput input, CancellationToken ct) => p.ParameterType switch
    {
        var t when t == typeof(CancellationToken) => ct,
        var t when t == typeof(HttpRequest) => input.Http!.Request,
        var t when t == typeof(TimerInfo) => input.Timer,
        var t when t == typeof(QueueMessage) => input.Message,
        var t when t == typeof(string) && input.Message is { } m => m.Body.ToString(),
        var t when t == typeof(string) => input.Http!.GetRouteValue(p.Name!)?.ToString(),
        var t => throw new InvalidOperationException($"Cannot bind {t.Name} {p.Name}"),
    };
}
