using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Hosting;

/// <summary>What the recording functions below were given.</summary>
public sealed class Recorder
{
    public List<object> Calls { get; } = [];
    public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(object input)
    {
        lock (Calls) Calls.Add(input);
        Called.TrySetResult();
    }
}

/// <summary>Functions of the test assembly, declared as the app declares its own.</summary>
public sealed class RecordingFunctions(Recorder recorder)
{
    [Function("Ok")]
    public Task Ok([QueueTrigger("q")] QueueMessage message)
    {
        recorder.Add(message);
        return Task.CompletedTask;
    }

    [Function("Fails")]
    public Task Fails([QueueTrigger("q")] QueueMessage message)
    {
        recorder.Add(message);
        throw new InvalidOperationException("failed");
    }

    [Function("Daily")]
    public Task Daily([TimerTrigger("0 0 8 * * *")] TimerInfo timer)
    {
        recorder.Add(timer);
        return Task.CompletedTask;
    }
}

/// <summary>The local host's queue and timer triggers, against the real Azurite.</summary>
[Collection(AppCollection.Name)]
public class LocalStandInTests(AppFixture app)
{
    private readonly Recorder _recorder = new();

    private IServiceScopeFactory Scopes() =>
        new ServiceCollection().AddSingleton(_recorder).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

    private static FunctionInvoker Invoker(string name, FunctionBinding trigger) =>
        new(new FunctionMetadata(name, $"{typeof(RecordingFunctions).FullName}.{name}", [trigger]), typeof(RecordingFunctions).Assembly);

    private (LocalQueuePoller Poller, FunctionInvoker Invoker, QueueClient Queue, QueueClient Poison) Poller(string name, int maxDequeue)
    {
        var queueName = "q" + Guid.NewGuid().ToString("N")[..12];
        var invoker = Invoker(name, new FunctionBinding("message", "queueTrigger", "In", null, null, null, null, false, queueName));
        var functions = new FunctionApp([invoker.Function], new QueueHostSettings(maxDequeue, TimeSpan.Zero, Base64: false), "");
        var queues = new QueueClientFactory(new QueueServiceClient(app.Azurite.ConnectionString,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));
        queues.Get(queueName).CreateIfNotExists();
        var poller = new LocalQueuePoller(functions, Scopes(), queues, TimeProvider.System,
            Options.Create(new LocalHostOptions()), NullLogger<LocalQueuePoller>.Instance);
        return (poller, invoker, queues.Get(queueName), queues.Get(queueName + "-poison"));
    }

    [Fact]
    public async Task A_handled_message_is_deleted_and_reaches_the_function_as_a_queue_message()
    {
        var (poller, invoker, queue, _) = Poller("Ok", 5);
        await queue.SendMessageAsync("{\"id\":42}");

        Assert.Equal(1, await poller.PollOnceAsync(invoker, queue, CancellationToken.None));
        var message = Assert.IsType<QueueMessage>(Assert.Single(_recorder.Calls));
        Assert.Equal("{\"id\":42}", message.Body.ToString());
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.PopReceipt));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_throwing_function_has_its_message_retried_then_moved_to_poison_after_max_dequeue_count()
    {
        var (poller, invoker, queue, poison) = Poller("Fails", 3);
        await queue.SendMessageAsync("doomed");

        for (var i = 0; i < 3; i++) await poller.PollOnceAsync(invoker, queue, CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], _recorder.Calls.Cast<QueueMessage>().Select(c => c.DequeueCount));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var poisoned = Assert.Single((await poison.ReceiveMessagesAsync(10)).Value);
        Assert.Equal("doomed", poisoned.Body.ToString());
    }

    [Fact]
    public async Task Timer_fires_on_its_cron_schedule_with_the_timer_info()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 7, 59, 30, TimeSpan.Zero));
        var invoker = Invoker("Daily", new FunctionBinding("timer", "timerTrigger", "In", null, null, null, "0 0 8 * * *", false, null));
        var scheduler = new LocalTimerScheduler(new FunctionApp([invoker.Function], QueueHostSettings.Defaults, ""), Scopes(), clock,
            NullLogger<LocalTimerScheduler>.Instance);
        using var cts = new CancellationTokenSource();
        var run = scheduler.RunAsync(invoker, cts.Token);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_recorder.Calls);                       // 07:59:59: not yet
        clock.Advance(TimeSpan.FromSeconds(1));              // 08:00:00
        await _recorder.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var timer = Assert.IsType<TimerInfo>(Assert.Single(_recorder.Calls));
        Assert.False(timer.IsPastDue);
        Assert.Equal(new DateTime(2027, 3, 2, 8, 0, 0), timer.ScheduleStatus!.Next);
        await cts.CancelAsync();
        await run;
    }
}
