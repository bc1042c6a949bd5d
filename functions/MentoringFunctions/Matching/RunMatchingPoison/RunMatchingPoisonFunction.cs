using MentoringFunctions.Hosting;
using MentoringFunctions.Matching.RunMatching;

namespace MentoringFunctions.Matching.RunMatchingPoison;

/// <summary>
/// Queue trigger on "match-requests-poison": a request the host gave up on (for instance because
/// every attempt crashed the process) must not leave its run stuck in Running.
/// </summary>
public sealed class RunMatchingPoisonFunction(MatchRunStore runs, MatchRunNotifier notifier, Storage.QueueClientFactory queues, TimeProvider time) : IFunction
{
    public string Name => "RunMatchingPoison";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        if (!RunMatchingFunction.TryRead(request.MessageText("message"), out var message))
            return InvocationResult.Ok("Ignored a poison message that is not a match request");
        var run = await runs.GetAsync(message.RunId, ct);
        if (run is null || RunStatus.IsFinished(run.Status)) return InvocationResult.Ok($"Run {message.RunId}: nothing to do");
        if (run.Status == RunStatus.Running && run.LeaseUntil > time.GetUtcNow())
            return await RunMatchingFunction.DeferAsync(queues, message, run, time.GetUtcNow(), ct);   // alive: not for us to fail
        run.Status = RunStatus.Failed;
        run.LeaseUntil = null;
        run.CompletedAt = time.GetUtcNow();
        run.FailureReason = $"The run could not be computed after repeated attempts. {run.FailureReason}".Trim();
        if (await runs.TryReplaceAsync(run, ct) != Storage.WriteOutcome.Done) return InvocationResult.Retry("Run changed; trying again");
        await notifier.RunFinishedAsync(run, ct);
        return InvocationResult.Ok($"Run {run.RowKey} marked Failed");
    }
}
