using System.Text.Json;
using Azure.Storage.Queues;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Hosting;

/// <summary>The stand-in for the host's queue and timer triggers, against the real Azurite.</summary>
[Collection(AppCollection.Name)]
public class LocalStandInTests(AppFixture app)
{
    private sealed class Recording(string name, Func<InvocationRequest, bool> succeed) : IFunction
    {
        public List<InvocationRequest> Calls { get; } = [];
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name => name;

        public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken ct)
        {
            Calls.Add(request);
            Called.TrySetResult();
            return Task.FromResult(succeed(request) ? InvocationResult.Ok("ok") : InvocationResult.Retry("failed"));
        }
    }

    private (LocalQueuePoller Poller, FunctionDefinition Definition, QueueClient Queue, QueueClient Poison) Poller(IFunction function, int maxDequeue)
    {
        var queueName = "q" + Guid.NewGuid().ToString("N")[..12];
        var definition = new FunctionDefinition(function.Name, [new Binding("queueTrigger", "in", "message", null, queueName, null, null, null)]);
        var manifest = new FunctionManifest([definition], new QueueHostSettings(maxDequeue, TimeSpan.Zero, Base64: false));
        var queues = new QueueClientFactory(app.Azurite.ConnectionString, base64: false);
        queues.Get(queueName).CreateIfNotExists();
        queues.Get(queueName + "-poison").CreateIfNotExists();
        var poller = new LocalQueuePoller(manifest, [function], queues, TimeProvider.System,
            Options.Create(new LocalHostOptions()), NullLogger<LocalQueuePoller>.Instance);
        return (poller, definition, queues.Get(queueName), queues.Get(queueName + "-poison"));
    }

    [Fact]
    public async Task A_handled_message_is_deleted_and_arrives_in_the_hosts_envelope()
    {
        var function = new Recording("Ok", _ => true);
        var (poller, definition, queue, _) = Poller(function, 5);
        await queue.SendMessageAsync("{\"id\":42}");

        Assert.Equal(1, await poller.PollOnceAsync(definition, function, queue, CancellationToken.None));
        var call = Assert.Single(function.Calls);
        Assert.Equal("{\"id\":42}", call.MessageText("message"));
        Assert.Equal(1, call.DequeueCount());
        Assert.True(call.Metadata!.ContainsKey("PopReceipt"));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_failing_message_is_retried_then_moved_to_poison_after_max_dequeue_count()
    {
        var function = new Recording("Fails", _ => false);
        var (poller, definition, queue, poison) = Poller(function, 3);
        await queue.SendMessageAsync("doomed");

        for (var i = 0; i < 3; i++) await poller.PollOnceAsync(definition, function, queue, CancellationToken.None);

        Assert.Equal([1, 2, 3], function.Calls.Select(c => c.DequeueCount()));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var poisoned = Assert.Single((await poison.ReceiveMessagesAsync(10)).Value);
        Assert.Equal("doomed", poisoned.Body.ToString());
    }

    [Fact]
    public async Task Timer_fires_on_its_cron_schedule_with_the_timer_envelope()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 7, 59, 30, TimeSpan.Zero));
        var function = new Recording("Daily", _ => true);
        var definition = new FunctionDefinition("Daily", [new Binding("timerTrigger", "in", "timer", "0 0 8 * * *", null, null, null, null)]);
        var scheduler = new LocalTimerScheduler(new FunctionManifest([definition], new QueueHostSettings(5, TimeSpan.Zero, false)),
            [function], clock, NullLogger<LocalTimerScheduler>.Instance);
        using var cts = new CancellationTokenSource();
        var run = scheduler.RunAsync(definition, function, cts.Token);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(function.Calls);                       // 07:59:59: not yet
        clock.Advance(TimeSpan.FromSeconds(1));             // 08:00:00
        await function.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var call = Assert.Single(function.Calls);
        Assert.False(call.Data!["timer"].GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(new DateTime(2027, 3, 2, 8, 0, 0), call.Data["timer"].GetProperty("ScheduleStatus").GetProperty("Next").GetDateTime());
        await cts.CancelAsync();
        await run;
    }
}
