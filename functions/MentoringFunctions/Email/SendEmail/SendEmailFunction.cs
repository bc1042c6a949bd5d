using System.Text.Json;
using MentoringFunctions.Hosting;

namespace MentoringFunctions.Email.SendEmail;

/// <summary>
/// Queue trigger on "email-outbox": delivers the one e-mail the message points at, promptly after
/// it was queued. Failures are recorded in the outbox with a retry time and the message is
/// acknowledged; the DeliverOutbox timer owns retries, so a SendGrid outage never poisons the queue.
/// </summary>
public sealed class SendEmailFunction(OutboxDelivery delivery) : IFunction
{
    public string Name => "SendEmail";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        var text = request.MessageText("message");
        OutboxPointer? pointer = null;
        try { pointer = text is null ? null : JsonSerializer.Deserialize<OutboxPointer>(text); }
        catch (JsonException) { }
        if (pointer is null || string.IsNullOrEmpty(pointer.PartitionKey) || string.IsNullOrEmpty(pointer.RowKey))
            return InvocationResult.Ok($"Ignored a message that is not an outbox pointer: {text}");
        var outcome = await delivery.DeliverAsync(pointer.PartitionKey, pointer.RowKey, ct);
        return InvocationResult.Ok($"{pointer.PartitionKey}/{pointer.RowKey}: {outcome}");
    }
}
