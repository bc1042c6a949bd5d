using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MentoringFunctions.Storage;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Hosting;

/// <summary>
/// The local host's queue triggers: polls each queue a function in functions.metadata names and
/// applies the host's semantics from host.json. A function that throws has its message made
/// visible again after visibilityTimeout; after maxDequeueCount attempts it moves to &lt;queue&gt;-poison.
/// </summary>
public sealed class LocalQueuePoller(FunctionApp app, IServiceScopeFactory scopes, QueueClientFactory queues,
    TimeProvider time, IOptions<LocalHostOptions> options, ILogger<LocalQueuePoller> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(app.QueueTriggered.Select(f => PollAsync(new FunctionInvoker(f, typeof(LocalHost).Assembly), stoppingToken)));

    private async Task PollAsync(FunctionInvoker invoker, CancellationToken ct)
    {
        var queue = queues.Get(invoker.Function.Trigger.QueueName!);
        logger.LogInformation("Local queue trigger {Function} polling '{Queue}'", invoker.Function.Name, queue.Name);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await PollOnceAsync(invoker, queue, ct) == 0)
                    await Task.Delay(options.Value.QueuePollInterval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Polling '{Queue}' failed; trying again", queue.Name);
                await Task.Delay(options.Value.QueuePollInterval, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    internal async Task<int> PollOnceAsync(FunctionInvoker invoker, QueueClient queue, CancellationToken ct)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, options.Value.ProcessingVisibility, ct);
        var settings = app.Queues;
        foreach (var message in messages)
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await PoisonAsync(queue, message, ct);
                continue;
            }
            if (await TryInvokeAsync(invoker, message, ct))
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            else if (message.DequeueCount >= settings.MaxDequeueCount)
                await PoisonAsync(queue, message, ct);
            else
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt,
                    visibilityTimeout: settings.VisibilityTimeout, cancellationToken: ct);
        }
        return messages.Length;
    }

    private async Task<bool> TryInvokeAsync(FunctionInvoker invoker, QueueMessage message, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await invoker.InvokeAsync(scope.ServiceProvider, new TriggerInput(Message: message), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "{Function} failed on message {Id} (attempt {Count})", invoker.Function.Name,
                message.MessageId, message.DequeueCount);
            return false;
        }
    }

    private async Task PoisonAsync(QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        var poison = queues.Get(queue.Name + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: ct);
        await poison.SendMessageAsync(message.Body, cancellationToken: ct);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        logger.LogWarning("Message {Id} on '{Queue}' failed {Count} times; moved to '{Poison}'",
            message.MessageId, queue.Name, message.DequeueCount, poison.Name);
    }
}
