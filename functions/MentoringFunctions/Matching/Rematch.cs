using MentoringFunctions.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Matching;

/// <summary>
/// Re-matching during the programme: a run over everyone still active (the waiting list and the mentors' freed
/// places) with the running pairs locked and ended pairs excluded, reviewed like any run. Publishing it moves the
/// cohort's marker to it and introduces only its new pairs: kept pairs keep their dates, history and run, and hear
/// nothing; people still unmatched already had their "not matched" e-mail.
/// </summary>
public sealed class Rematch(MatchRunStore runs, ApplicationRepository applications, RequestMatchRun request, MatchEmails emails,
    TimeProvider time)
{
    public async Task<RequestOutcome> StartAsync(string cohort, CancellationToken ct)
    {
        if (await runs.GetPublishedAsync(cohort, ct) is not { } marker || await runs.GetAsync(marker.RunId, ct) is not { } published)
            return new RequestOutcome.Invalid(new Dictionary<string, string[]>
            {
                ["basedOn"] = ["No run is published for this programme yet: start and publish a match run first."],
            });
        var matches = await runs.ListMatchesAsync(cohort, ct);
        var running = RhythmScope.Running(matches, await applications.ListAsync(cohort, ct));
        var locks = running.Select(m => new PairRef(m.MentorId, m.MenteeId)).ToList();
        var ended = matches.Where(m => m.Status == MatchStatus.Ended).Select(m => new PairRef(m.MentorId, m.MenteeId));
        var settings = MatchSettingsJson.Parse(published.SettingsJson).Settings ?? MatchSettings.Default;
        settings = settings with
        {
            Locks = locks,
            Excludes = [.. settings.Excludes.Concat(ended).Distinct().Where(p => !locks.Contains(p))],
        };
        return await request.HandleAsync(cohort, new MatchRunRequest(settings, [], [], published.Id), null, ct, rematch: true);
    }

    public async Task<PublishOutcome> PublishAsync(MatchRun run, Cohort cohort, CancellationToken ct)
    {
        var marker = await runs.GetPublishedAsync(cohort.Id, ct);
        if (marker is null || (marker.RunId != run.Id && marker.RunId != run.BasedOn))
            return new PublishOutcome.Refused(
                "The published run changed after this re-match started; start a new re-match from the programme's page.");
        if (marker.RunId != run.Id && !await runs.TryMovePublishedAsync(marker, run.Id, ct))
            return new PublishOutcome.Refused("The programme changed while publishing; publish again (nothing is sent twice).");

        var result = await runs.ReadResultAsync(run, ct) ?? throw new InvalidOperationException($"Run {run.Id} has no stored result");
        var snapshot = result.ById();
        var current = (await applications.ListAsync(cohort.Id, ct)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var recorded = (await runs.ListMatchesAsync(cohort.Id, ct)).ToDictionary(m => m.Key, StringComparer.Ordinal);
        var introducedAt = run.PublishedAt ?? time.GetUtcNow();
        var warnings = new List<string>();
        var added = new List<PublishedMatch>();
        foreach (var pair in result.Pairs)
        {
            var key = PublishedMatch.KeyFor(pair.MentorId, pair.MenteeId);
            var before = recorded.GetValueOrDefault(key);
            if (before is { } kept && kept.Status.IsActive() && kept.RunId != run.Id) continue;
            var (mentor, mentee) = (snapshot[pair.MentorId], snapshot[pair.MenteeId]);
            var why = before?.Status == MatchStatus.Ended ? "the pair ended after the re-match started"
                : new[] { mentor, mentee }.Select(p => current.GetValueOrDefault(p.Id) is not { } now ? $"{p.Name} has no application"
                    : now.Status != ApplicationStatus.Active ? $"{p.Name} withdrew"
                    : now.Version != p.Version ? $"{p.Name} changed their application after the run" : null)
                    .FirstOrDefault(w => w is not null);
            if (why is not null)
            {
                warnings.Add($"Left out {mentor.Name} → {mentee.Name}: {why}.");
                continue;
            }
            added.Add(new PublishedMatch(cohort.Id, key, run.Id, mentor.Id, mentor.Email, mentor.Name, mentee.Id, mentee.Email,
                mentee.Name, string.Join(';', pair.Parts.SharedTopics), pair.Score, MatchStatus.Introduced, introducedAt, null,
                "", null, ""));
        }
        await runs.UpsertMatchesAsync(added, ct);
        var recipients = added.SelectMany(m => new[] { m.MentorId, m.MenteeId }).Distinct().ToList();
        var queued = await emails.QueueAsync(cohort, run.Id, added, snapshot, recipients, result, ct);
        var published = await runs.TryReplaceAsync(run with
        {
            Status = RunStatus.Published, PublishedAt = introducedAt, WithdrawnAt = null, PublishWarnings = string.Join('\n', warnings),
        }, ct);
        return published is null
            ? new PublishOutcome.Refused("The run changed while publishing; publish again (nothing is sent twice).")
            : new PublishOutcome.Published(published, added.Count, queued, warnings);
    }

    /// <summary>Withdraws only the re-match's new pairs; the run it was based on is the published one again.</summary>
    public async Task<PublishOutcome> WithdrawAsync(MatchRun run, CancellationToken ct)
    {
        var marker = await runs.GetPublishedAsync(run.Cohort, ct);
        if (run.Status != RunStatus.Published || marker?.RunId != run.Id)
            return new PublishOutcome.Refused($"Run {run.Id} is not the published run of its cohort.");
        var now = time.GetUtcNow();
        var withdrawn = (await runs.ListMatchesAsync(run.Cohort, ct))
            .Where(m => m.RunId == run.Id && m.Status == MatchStatus.Introduced)
            .Select(m => m with { Status = MatchStatus.Withdrawn, EndedAt = now }).ToList();
        await runs.UpsertMatchesAsync(withdrawn, ct);
        if (!await runs.TryMovePublishedAsync(marker, run.BasedOn, ct))
            return new PublishOutcome.Refused("The programme changed while withdrawing; withdraw again.");
        var done = run with { Status = RunStatus.Withdrawn, WithdrawnAt = now };
        await runs.TryReplaceAsync(done, ct);
        return new PublishOutcome.Published(done, withdrawn.Count, 0, []);
    }
}
