using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using MentoringFunctions.Email;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentoringFunctions.Tests.Email;

/// <summary>Prompt-delivery signals: shared queue messages that still name every e-mail exactly once.</summary>
[Collection(AppCollection.Name)]
public class PromptSignalsTests(AppFixture app)
{
    private static OutboxPointer Pointer(int n) => new($"c{n % 3}|{n % 32:D2}", $"application-received~2Fc~2Fa{n:D6}~2Fv1");

    [Fact]
    public void A_lone_pointer_is_the_message_it_always_was_and_several_are_an_array()
    {
        Assert.Equal(JsonSerializer.Serialize(Pointer(1)), Assert.Single(PromptSignals.Pack([Pointer(1)], 1000)));
        var several = Assert.Single(PromptSignals.Pack([Pointer(1), Pointer(2), Pointer(3)], 1000));
        Assert.StartsWith("[", several);
        Assert.Equal(new[] { Pointer(1), Pointer(2), Pointer(3) }, PromptSignals.Read(several));
    }

    [Fact]
    public void Many_pointers_are_split_into_messages_under_the_limit_and_none_is_lost()
    {
        var pointers = Enumerable.Range(0, 1000).Select(Pointer).ToList();
        var messages = PromptSignals.Pack(pointers, PromptSignals.MaxMessageChars);
        Assert.True(messages.Count > 1, $"{messages.Count} messages");
        Assert.All(messages, m => Assert.InRange(m.Length, 1, PromptSignals.MaxMessageChars));
        Assert.Equal(pointers, messages.SelectMany(m => PromptSignals.Read(m)!));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[null]")]
    [InlineData("null")]
    [InlineData("[{\"PartitionKey\":\"p|01\",\"RowKey\":\"k\"},{\"PartitionKey\":\"\",\"RowKey\":\"k\"}]")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Anything_else_is_not_a_signal(string message) => Assert.Null(PromptSignals.Read(message));

    [Fact]
    public async Task Signals_that_arrive_while_a_message_is_being_sent_share_the_next_one()
    {
        var gate = new Gate();
        var queue = await QueueAsync(gate);
        var signals = new PromptSignals(queue, NullLogger.Instance);

        var first = signals.SignalAsync(Pointer(0), CancellationToken.None);
        await gate.Entered.Task;   // the first message is on its way, held
        var rest = Enumerable.Range(1, 99).Select(n => signals.SignalAsync(Pointer(n), CancellationToken.None)).ToList();
        Assert.False(first.IsCompleted);
        Assert.DoesNotContain(rest, t => t.IsCompleted);
        gate.Open.SetResult();
        await Task.WhenAll(rest.Append(first));

        var messages = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => m.MessageText).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(Pointer).Order(Comparer),
            messages.SelectMany(m => PromptSignals.Read(m)!).Order(Comparer));
    }

    [Fact]
    public async Task A_signal_that_cannot_be_sent_does_not_fail_the_request_that_queued_the_email()
    {
        var missing = new QueueClient(app.Azurite.ConnectionString, "no-such-queue-" + Guid.NewGuid().ToString("N")[..8]);
        var signals = new PromptSignals(missing, NullLogger.Instance);
        await signals.SignalAsync(Pointer(1), CancellationToken.None);   // completes: the index row is the backstop
        await signals.SignalAsync(Pointer(2), CancellationToken.None);   // and the sender carries on after a failure
    }

    [Fact]
    public async Task A_shared_message_delivers_each_of_its_emails()
    {
        var cohort = await app.CreateCohortAsync(workingGroup: []);
        foreach (var name in new[] { "shared-gil", "shared-hal", "shared-ida" })
            await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, $"{name}@example.org", name));
        var emails = await app.OutboxAsync(cohort);
        Assert.Equal(3, emails.Count);

        var message = Assert.Single(PromptSignals.Pack(
            emails.Select(e => new OutboxPointer(e.PartitionKey, e.RowKey)).ToList(), PromptSignals.MaxMessageChars));
        var result = await app.QueueAsync("SendEmail", message);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.All(new[] { "shared-gil", "shared-hal", "shared-ida" }, n => Assert.Single(app.SendGrid.To($"{n}@example.org")));
        Assert.All(await app.OutboxAsync(cohort), e => Assert.Equal(OutboxStatus.Sent, e.Status));
    }

    private static readonly Comparer<OutboxPointer> Comparer =
        Comparer<OutboxPointer>.Create((a, b) => string.CompareOrdinal(a.PartitionKey + "/" + a.RowKey, b.PartitionKey + "/" + b.RowKey));

    private async Task<QueueClient> QueueAsync(Gate gate)
    {
        var options = new QueueClientOptions();
        options.AddPolicy(gate, HttpPipelinePosition.PerCall);
        var queue = new QueueClient(app.Azurite.ConnectionString, "signals-" + Guid.NewGuid().ToString("N")[..8], options);
        await queue.CreateAsync();
        gate.Armed = true;
        return queue;
    }

    /// <summary>Holds the first message sent (a POST) until the test opens it.</summary>
    private sealed class Gate : HttpPipelinePolicy
    {
        public bool Armed { get; set; }
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Armed && message.Request.Method == RequestMethod.Post && Entered.TrySetResult()) await Open.Task;
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("the queue client is used asynchronously");
    }
}
