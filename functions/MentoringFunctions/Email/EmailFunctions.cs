using System.Text.Json;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Email;

/// <summary>
/// Delivery of the outbox. The queue function sends an e-mail promptly after it was queued; the
/// timer sends whatever is due, retries included. Failures are recorded in the outbox with a retry
/// time and the message is acknowledged, so a SendGrid outage never poisons the queue.
/// </summary>
public sealed class EmailFunctions(OutboxDelivery delivery, ILogger<EmailFunctions> logger)
{
    [Function("SendEmail")]
    public async Task SendEmail([QueueTrigger(StorageNames.EmailQueue)] string message, CancellationToken ct)
    {
        if (ReadPointer(message) is not { } pointer)
        {
            logger.LogWarning("Ignored a message that is not an outbox pointer: {Message}", message);
            return;
        }
        var outcome = await delivery.DeliverAsync(pointer.PartitionKey, pointer.RowKey, ct);
        logger.LogInformation("{Partition}/{Row}: {Outcome}", pointer.PartitionKey, pointer.RowKey, outcome);
    }

    [Function("DeliverOutbox")]
    public async Task DeliverOutbox([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken ct)
    {
        var counts = await delivery.DeliverDueAsync(ct);
        if (counts.Count > 0)
            logger.LogInformation("Outbox: {Counts}", string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
    }

    internal static OutboxPointer? ReadPointer(string? text)
    {
        try
        {
            return text is null ? null : JsonSerializer.Deserialize<OutboxPointer>(text) is
                { PartitionKey.Length: > 0, RowKey.Length: > 0 } pointer ? pointer : null;
        }
        catch (JsonException) { return null; }
    }
}
