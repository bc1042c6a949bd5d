using MentoringFunctions.Admin;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Matching;

/// <summary>
/// The audit entries of match runs, for the API and the pages alike: runs started (with their locks and excludes),
/// publish and withdraw (with the pairs). Only an outcome that changed something is recorded, so a retry that finds
/// its run already made records nothing.
/// </summary>
public sealed class MatchRunAudit(AuditLog audit, MatchRunStore runs)
{
    /// <summary>The cohort of a run, for Guard: a run's routes name the run, not its cohort.</summary>
    public Func<Task<string?>> CohortOf(string runId, CancellationToken ct) => async () => (await runs.GetAsync(runId, ct))?.Cohort;

    public async Task<RequestOutcome> StartedAsync(HttpContext http, string cohort, MatchRunRequest request, RequestOutcome outcome,
        CancellationToken ct)
    {
        if (outcome is not RequestOutcome.Accepted { Existing: false } accepted) return outcome;
        var locks = request.Locks.Concat(request.Settings?.Locks ?? []).Select(p => $"lock {p.Mentor}|{p.Mentee}");
        var excludes = request.Excludes.Concat(request.Settings?.Excludes ?? []).Select(p => $"exclude {p.Mentor}|{p.Mentee}");
        var pairs = locks.Concat(excludes).ToList();
        await audit.RecordAsync(http, cohort, request.BasedOn is null ? AuditAction.MatchRunStarted : AuditAction.MatchRunRerun,
            request.BasedOn is null
                ? $"Started match run {accepted.Run.Id}"
                : $"Re-ran {request.BasedOn} as {accepted.Run.Id} with {pairs.Count(p => p.StartsWith("lock", StringComparison.Ordinal))} locks " +
                  $"and {pairs.Count(p => p.StartsWith("exclude", StringComparison.Ordinal))} excludes",
            pairs: pairs, ct: ct);
        return outcome;
    }

    public async Task<PublishOutcome> PublishedAsync(HttpContext http, PublishOutcome outcome, CancellationToken ct)
    {
        if (outcome is not PublishOutcome.Published p) return outcome;
        var withdrawn = p.Run.Status == RunStatus.Withdrawn;
        var pairs = (await runs.ReadResultAsync(p.Run, ct))?.Pairs.Select(x => $"{x.MentorId}|{x.MenteeId}") ?? [];
        var at = (withdrawn ? p.Run.WithdrawnAt : p.Run.PublishedAt) ?? throw new InvalidOperationException("A published run has a time.");
        await audit.RecordOnceAsync(http, p.Run.Cohort, withdrawn ? AuditAction.Withdrawn : AuditAction.Published, at,
            $"{(withdrawn ? "withdrawn" : "published")}-{p.Run.Id}",
            withdrawn ? $"Withdrew run {p.Run.Id}: {p.Matches} matches marked withdrawn"
                : $"Published run {p.Run.Id}: {p.Matches} matches, {p.EmailsQueued} e-mails queued", pairs: pairs, ct: ct);
        return outcome;
    }
}
