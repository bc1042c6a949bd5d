using MentoringFunctions.Storage;

namespace MentoringFunctions.Email;

/// <summary>
/// Delivery of the outbox. The queue function sends an e-mail promptly after it was queued; the
/// timer sends whatever is due, retries included. Failures are recorded in the outbox with a retry
/// time and the message is acknowledged, so a SendGrid outage never poisons the queue. Once a day
/// the upkeep removes the bodies of mail sent longer ago than the retention.
/// </summary>
public sealed class EmailFunctions(OutboxDelivery delivery, OutboxUpkeep upkeep, ILogger<EmailFunctions> logger)
{
    [Function("SendEmail")]
    public async Task SendEmail([QueueTrigger(StorageNames.EmailQueue)] string message, CancellationToken ct)
    {
        if (PromptSignals.Read(message) is not { } pointers)
        {
            logger.LogWarning("Ignored a message that is not an outbox pointer: {Message}", message);
            return;
        }
        // A shared message's e-mails go side by side, so the last of them is not held up by the others' sends.
        await Parallel.ForEachAsync(pointers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (pointer, token) =>
            {
                var outcome = await delivery.DeliverAsync(pointer.PartitionKey, pointer.RowKey, token);
                logger.LogInformation("{Partition}/{Row}: {Outcome}", pointer.PartitionKey, pointer.RowKey, outcome);
            });
    }

    [Function("DeliverOutbox")]
    public async Task DeliverOutbox([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken ct)
    {
        var pass = await delivery.DeliverDueAsync(ct);
        if (pass.Outcomes.Count > 0 || pass.EntitiesRead > 0)
            logger.LogInformation("Outbox: read {Read}; {Counts}", pass.EntitiesRead,
                string.Join(", ", pass.Outcomes.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
    }

    [Function("OutboxUpkeep")]
    public async Task OutboxUpkeep([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken ct)
    {
        var done = await upkeep.RunAsync(ct);
        logger.LogInformation("Outbox upkeep: {Removed} bodies removed, {Reindexed} unsent e-mails indexed",
            done.BodiesRemoved, done.Reindexed);
    }
}
