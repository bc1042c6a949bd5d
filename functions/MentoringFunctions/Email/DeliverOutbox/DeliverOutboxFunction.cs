using MentoringFunctions.Hosting;

namespace MentoringFunctions.Email.DeliverOutbox;

/// <summary>Timer, every minute: delivers every outbox e-mail that is due (retries included).</summary>
public sealed class DeliverOutboxFunction(OutboxDelivery delivery) : IFunction
{
    public string Name => "DeliverOutbox";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        var counts = await delivery.DeliverDueAsync(ct);
        return InvocationResult.Ok(counts.Count == 0
            ? "Nothing due"
            : string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
    }
}
