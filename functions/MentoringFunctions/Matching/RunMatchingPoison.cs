namespace MentoringFunctions.Matching;

/// <summary>
/// The "match-requests-poison" queue's work: a request the host gave up on (for instance because
/// every attempt crashed the process) must not leave its run stuck in Running.
/// </summary>
public sealed class RunMatchingPoison(MatchRunStore runs, MatchRunNotifier notifier, Storage.QueueClientFactory queues, TimeProvider time)
{
    public async Task<string> FailAsync(string? text, CancellationToken ct)
    {
        if (!RunMatching.TryRead(text, out var message)) return "Ignored a poison message that is not a match request";
        var run = await runs.GetAsync(message.RunId, ct);
        if (run is null || run.Status.IsFinished()) return $"Run {message.RunId}: nothing to do";
        if (run.Status == RunStatus.Running && run.LeaseUntil > time.GetUtcNow())
            return await RunMatching.DeferAsync(queues, message, run, time.GetUtcNow(), ct);   // alive: not for us to fail
        run = await runs.TryReplaceAsync(run with
        {
            Status = RunStatus.Failed,
            LeaseUntil = null,
            CompletedAt = time.GetUtcNow(),
            FailureReason = $"The run could not be computed after repeated attempts. {run.FailureReason}".Trim(),
        }, ct) ?? throw new RetryLaterException("Run changed; trying again");
        await notifier.RunFinishedAsync(run, ct);
        return $"Run {run.Id} marked Failed";
    }
}
