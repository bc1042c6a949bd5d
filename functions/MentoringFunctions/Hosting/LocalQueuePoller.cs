using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Hosting;

public sealed class LocalHostOptions
{
    /// <summary>How long the poller waits when a queue is empty (the host backs off up to a minute).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a received message stays invisible while its handler runs.</summary>
    public TimeSpan ProcessingVisibility { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Stand-in for the host's queue triggers: polls each queue named in a function.json and applies
/// the host's semantics from host.json: re-delivery after visibilityTimeout on failure, and after
/// maxDequeueCount failures the message moves to &lt;queue&gt;-poison.
/// </summary>
public sealed class LocalQueuePoller(
    FunctionManifest manifest, IEnumerable<IFunction> functions, QueueClientFactory queues,
    TimeProvider time, Microsoft.Extensions.Options.IOptions<LocalHostOptions> options, ILogger<LocalQueuePoller> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionManifest.WithHandlers(manifest.QueueTriggered, functions).Select(x => PollAsync(x.Definition, x.Function, stoppingToken)));

    private async Task PollAsync(FunctionDefinition definition, IFunction function, CancellationToken ct)
    {
        var queueName = definition.Trigger.QueueName!;
        var queue = queues.Get(queueName);
        logger.LogInformation("Local queue trigger {Function} polling '{Queue}'", definition.Name, queueName);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await PollOnceAsync(definition, function, queue, ct) == 0)
                    await Task.Delay(options.Value.QueuePollInterval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Polling '{Queue}' failed; trying again", queueName);
                await Task.Delay(options.Value.QueuePollInterval, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    internal async Task<int> PollOnceAsync(FunctionDefinition definition, IFunction function, QueueClient queue, CancellationToken ct)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, options.Value.ProcessingVisibility, ct);
        foreach (var message in messages)
        {
            var settings = manifest.Queues;
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await PoisonAsync(queue, message, ct);
                continue;
            }
            var result = await FunctionInvocationEndpoints.InvokeSafelyAsync(function, Envelope(definition, message), logger, ct);
            if (result.Succeeded)
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            else if (message.DequeueCount >= settings.MaxDequeueCount)
                await PoisonAsync(queue, message, ct);
            else
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: ct);
        }
        return messages.Length;
    }

    private async Task PoisonAsync(QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        var poison = queues.Get(queue.Name + "-poison");
        await poison.SendMessageAsync(message.Body, cancellationToken: ct);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        logger.LogWarning("Message {Id} on '{Queue}' failed {Count} times; moved to '{Poison}'",
            message.MessageId, queue.Name, message.DequeueCount, poison.Name);
    }

    // The same envelope the host posts: the message text as a JSON string under the binding name.
    private static InvocationRequest Envelope(FunctionDefinition definition, QueueMessage message) => new(
        new Dictionary<string, JsonElement> { [definition.Trigger.Name] = JsonSerializer.SerializeToElement(message.Body.ToString()) },
        new Dictionary<string, JsonElement>
        {
            ["DequeueCount"] = JsonSerializer.SerializeToElement(message.DequeueCount),
            ["Id"] = JsonSerializer.SerializeToElement(message.MessageId),
            ["InsertionTime"] = JsonSerializer.SerializeToElement(message.InsertedOn),
            ["ExpirationTime"] = JsonSerializer.SerializeToElement(message.ExpiresOn),
            ["NextVisibleTime"] = JsonSerializer.SerializeToElement(message.NextVisibleOn),
            ["PopReceipt"] = JsonSerializer.SerializeToElement(message.PopReceipt),
        });
}
