namespace MentoringFunctions.Email;

public enum DeliveryOutcome { Sent, RetryLater, Failed, NotDue, AlreadyDone, Busy, NotFound }

/// <summary>One pass of the timer: the outcome of each e-mail it tried, and how many entities it read to find them.</summary>
public sealed record DeliveryPass(IReadOnlyDictionary<DeliveryOutcome, int> Outcomes, int EntitiesRead);

/// <summary>
/// Sends one outbox e-mail at most once at a time: a send is claimed with an ETag-guarded lease,
/// so the queue function and the timer (or two instances) never send the same e-mail together.
/// A transient failure schedules the next attempt with exponential backoff.
/// </summary>
public sealed class OutboxDelivery(Outbox outbox, IEmailSender sender, TimeProvider time, ILogger<OutboxDelivery> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>1, 2, 4, 8... minutes after each failed attempt, at most an hour: never given up.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(MaxBackoff.TotalMinutes, Math.Pow(2, Math.Max(0, attempts - 1))));

    public async Task<DeliveryOutcome> DeliverAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        var email = await outbox.GetAsync(partitionKey, rowKey, ct);
        return email is null ? DeliveryOutcome.NotFound : await DeliverAsync(email, ct);
    }

    public async Task<DeliveryPass> DeliverDueAsync(CancellationToken ct)
    {
        var counts = new Dictionary<DeliveryOutcome, int>();
        var found = await outbox.FindDueAsync(time.GetUtcNow(), ct);
        foreach (var email in found.Due)
        {
            var outcome = await DeliverAsync(email, ct);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }
        return new DeliveryPass(counts, found.EntitiesRead);
    }

    private async Task<DeliveryOutcome> DeliverAsync(OutgoingEmail email, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (email.Status is OutboxStatus.Sent or OutboxStatus.Failed) return DeliveryOutcome.AlreadyDone;
        if (email.Status == OutboxStatus.Pending && email.NextAttemptAt > now) return DeliveryOutcome.NotDue;
        if (email.Status == OutboxStatus.Sending && email.LeaseUntil > now) return DeliveryOutcome.Busy;

        var claimed = await outbox.TryUpdateAsync(
            email with { Status = OutboxStatus.Sending, LeaseUntil = now + Lease }, ct);
        if (claimed is null) return DeliveryOutcome.Busy;

        var result = await sender.SendAsync(claimed, ct);
        var attempted = claimed with { Attempts = claimed.Attempts + 1, LeaseUntil = null };
        var after = time.GetUtcNow();
        switch (result.Status)
        {
            case SendStatus.Sent:
                email = attempted with
                {
                    Status = OutboxStatus.Sent, SentAt = after, ProviderMessageId = result.ProviderId, LastError = "",
                };
                break;
            case SendStatus.Transient:
                email = attempted with
                {
                    Status = OutboxStatus.Pending, NextAttemptAt = after + Backoff(attempted.Attempts),
                    LastError = result.Detail,
                };
                logger.LogWarning("E-mail {Key} not delivered (attempt {Attempt}), next try at {Next}: {Error}",
                    email.Pointer.RowKey, email.Attempts, email.NextAttemptAt, result.Detail);
                break;
            case SendStatus.Permanent:
                email = attempted with { Status = OutboxStatus.Failed, LastError = result.Detail };
                logger.LogError("E-mail {Key} refused by the provider: {Error}", email.Pointer.RowKey, result.Detail);
                break;
            default:
                throw new InvalidOperationException($"Unknown send status {result.Status}");
        }
        // If this write is lost the lease expires and the e-mail is retried: at-least-once.
        await outbox.RecordAttemptAsync(claimed, email, ct);
        return email.Status switch
        {
            OutboxStatus.Sent => DeliveryOutcome.Sent,
            OutboxStatus.Pending => DeliveryOutcome.RetryLater,
            OutboxStatus.Failed => DeliveryOutcome.Failed,
            _ => throw new InvalidOperationException($"An attempt cannot leave an e-mail {email.Status}"),
        };
    }
}
