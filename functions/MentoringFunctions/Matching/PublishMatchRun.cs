using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

public abstract record PublishOutcome
{
    public sealed record NotFound : PublishOutcome;
    public sealed record Refused(string Reason) : PublishOutcome;
    public sealed record Published(MatchRun Run, int Matches, int EmailsQueued, IReadOnlyList<string> Warnings)
        : PublishOutcome;
}

/// <summary>
/// Publishing turns a run's pairs into matches and queues the introductions. It can be repeated
/// safely (same match rows, same e-mail keys). One run per cohort is published at a time: the
/// cohort's marker row is inserted first, so a second run is refused until the first is withdrawn.
/// Pairs whose people changed or withdrew their application since the run are left out, with a warning.
/// </summary>
public sealed class PublishMatchRun(MatchRunStore runs, ApplicationRepository applications, CohortRepository cohorts,
    MatchEmails emails, Rematch rematch, TimeProvider time)
{
    public async Task<PublishOutcome> PublishAsync(string runId, CancellationToken ct)
    {
        var run = await runs.GetAsync(runId, ct);
        if (run is null || await cohorts.GetAsync(run.Cohort, ct) is not { Cohort: var cohort }) return new PublishOutcome.NotFound();
        if (run.Status is not (RunStatus.Completed or RunStatus.Published or RunStatus.Withdrawn))
            return new PublishOutcome.Refused($"Only a completed run can be published; this one is {run.Status}.");
        if (run.Rematch) return await rematch.PublishAsync(run, cohort, ct);
        var marker = await runs.GetPublishedAsync(cohort.Id, ct);
        if (marker is null && await runs.ClaimPublishedAsync(cohort.Id, run.Id, ct) == WriteOutcome.Conflict)
            marker = await runs.GetPublishedAsync(cohort.Id, ct);
        if (marker is not null && marker.RunId != run.Id)
            return new PublishOutcome.Refused($"Run {marker.RunId} is already published for {cohort.Name}. Withdraw it first to publish another.");

        var result = await runs.ReadResultAsync(run, ct)
            ?? throw new InvalidOperationException($"Run {run.Id} has no stored result");
        var snapshot = result.ById();
        var current = (await applications.ListAsync(cohort.Id, ct)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var plan = PublishPlan.Make(result, current);
        var warnings = plan.Warnings;

        var now = time.GetUtcNow();
        var introducedAt = run.PublishedAt ?? now;
        // Publishing again (a retry, or this pair again after a withdrawal) keeps what the pair recorded since.
        var recorded = (await runs.ListMatchesAsync(cohort.Id, ct)).ToDictionary(m => m.Key, StringComparer.Ordinal);
        var matches = new List<PublishedMatch>();
        foreach (var pair in plan.Kept)
        {
            var mentor = snapshot[pair.MentorId];
            var mentee = snapshot[pair.MenteeId];
            var previous = recorded.GetValueOrDefault(PublishedMatch.KeyFor(pair.MentorId, pair.MenteeId));
            matches.Add(new PublishedMatch(cohort.Id, PublishedMatch.KeyFor(pair.MentorId, pair.MenteeId), run.Id,
                mentor.Id, mentor.Email, mentor.Name, mentee.Id, mentee.Email, mentee.Name, string.Join(';', pair.Parts.SharedTopics),
                pair.Score, MatchStatus.Introduced, introducedAt, null, previous?.FirstMeetingOn ?? "", previous?.LastCheckInAt,
                previous?.LastCheckInAnswer ?? ""));
        }
        await runs.UpsertMatchesAsync(matches, ct);
        var recipients = plan.Recipients;
        var queued = await emails.QueueAsync(cohort, run.Id, matches, snapshot, recipients, result, ct);

        var published = await runs.TryReplaceAsync(run with
        {
            Status = RunStatus.Published, PublishedAt = introducedAt, WithdrawnAt = null,
            PublishWarnings = string.Join('\n', warnings),
        }, ct);
        if (published is null)
            return new PublishOutcome.Refused("The run changed while publishing; publish again (nothing is sent twice).");
        return new PublishOutcome.Published(published, matches.Count, queued, warnings);
    }

    /// <summary>Withdraws a published run: its matches are kept as Withdrawn (history, no orphans) and the cohort is free again.</summary>
    public async Task<PublishOutcome> WithdrawAsync(string runId, CancellationToken ct)
    {
        var run = await runs.GetAsync(runId, ct);
        if (run is null) return new PublishOutcome.NotFound();
        if (run.Rematch) return await rematch.WithdrawAsync(run, ct);
        var marker = await runs.GetPublishedAsync(run.Cohort, ct);
        if (run.Status != RunStatus.Published || marker?.RunId != run.Id)
            return new PublishOutcome.Refused($"Run {run.Id} is not the published run of its cohort.");
        var now = time.GetUtcNow();
        var matches = (await runs.ListMatchesAsync(run.Cohort, ct))
            .Where(m => m.RunId == run.Id && m.Status == MatchStatus.Introduced)
            .Select(m => m with { Status = MatchStatus.Withdrawn, EndedAt = now }).ToList();
        await runs.UpsertMatchesAsync(matches, ct);
        await runs.ReleasePublishedAsync(marker, ct);
        // Not checked: releasing the marker (above) is what frees the cohort.
        var withdrawn = run with { Status = RunStatus.Withdrawn, WithdrawnAt = now };
        await runs.TryReplaceAsync(withdrawn, ct);
        return new PublishOutcome.Published(withdrawn, matches.Count, 0, []);
    }
}
