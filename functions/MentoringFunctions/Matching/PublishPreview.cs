using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;

namespace MentoringFunctions.Matching;

/// <summary>What the publish confirmation says: who gets which e-mail, what is left out, and what to know first.</summary>
public sealed record PublishConfirmation(string Title, MatchRun Run, string CohortName, int Pairs,
    IReadOnlyList<string> Introduced, IReadOnlyList<string> NotMatched, int LeftOutPeople, IReadOnlyList<string> Warnings,
    string? StillOpen, string? Refusal);

/// <summary>What the withdraw confirmation says: the matches that end and the people in them.</summary>
public sealed record WithdrawConfirmation(string Title, MatchRun Run, string CohortName, IReadOnlyList<NamedPair> Pairs,
    int People, string? Refusal);

/// <summary>Works out the confirmation pages from the same plan publishing follows; it writes nothing.</summary>
public sealed class PublishPreview(MatchRunStore runs, ApplicationRepository applications, CohortRepository cohorts,
    TimeProvider time)
{
    public async Task<PublishConfirmation?> ForPublishAsync(string runId, CancellationToken ct)
    {
        if (await runs.GetAsync(runId, ct) is not { } run || await cohorts.GetAsync(run.Cohort, ct) is not { Cohort: var cohort })
            return null;
        var title = $"Publish run {run.Id}?";
        if (run.Status is not (RunStatus.Completed or RunStatus.Withdrawn) || await runs.ReadResultAsync(run, ct) is not { } result)
            return new(title, run, cohort.Name, 0, [], [], 0, [], null, run.Status == RunStatus.Published
                ? "This run is already published." : $"Only a completed run can be published; this one is {run.Status}.");
        var marker = await runs.GetPublishedAsync(cohort.Id, ct);
        var current = (await applications.ListAsync(cohort.Id, ct)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var plan = PublishPlan.Make(result, current);
        var people = result.ById();
        string Named(string id) => $"{PeopleNames.Name(id, people)} [{id}]";
        var now = time.GetUtcNow();
        var stillOpen = cohort.IsOpen(now)
            ? $"Applications to {cohort.Name} are still open, until {cohort.ApplicationsClose:d MMMM yyyy}. People who apply " +
              "after you publish are not in this run: they wait for a re-run or a match by hand."
            : null;
        if (run.Rematch)
        {
            // As Rematch.PublishAsync does it: the running pairs are kept without a word; only new pairs are introduced,
            // and nobody gets a "not matched" e-mail. It publishes over the run it started from.
            var running = (await runs.ListMatchesAsync(cohort.Id, ct)).Where(m => m.Status.IsActive() && m.RunId != run.Id)
                .Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
            var fresh = plan.Kept.Where(p => !running.Contains(PublishedMatch.KeyFor(p.MentorId, p.MenteeId))).ToList();
            return new(title, run, cohort.Name, fresh.Count,
                fresh.SelectMany(p => new[] { p.MentorId, p.MenteeId }).Distinct().Select(Named).ToList(), [], 0, plan.Warnings,
                stillOpen, marker is null || (marker.RunId != run.Id && marker.RunId != run.BasedOn)
                    ? "The published run changed after this re-match started; start a new re-match from the programme's page." : null);
        }
        return new(title, run, cohort.Name, plan.Kept.Count, plan.Introduced.Select(Named).ToList(),
            plan.NotMatched.Select(Named).ToList(), plan.LeftOutPeople, plan.Warnings, stillOpen,
            marker is not null && marker.RunId != run.Id
                ? $"Run {marker.RunId} is already published for {cohort.Name}. Withdraw it first to publish this one." : null);
    }

    public async Task<WithdrawConfirmation?> ForWithdrawAsync(string runId, CancellationToken ct)
    {
        if (await runs.GetAsync(runId, ct) is not { } run || await cohorts.GetAsync(run.Cohort, ct) is not { Cohort: var cohort })
            return null;
        var title = $"Withdraw run {run.Id}?";
        var marker = await runs.GetPublishedAsync(cohort.Id, ct);
        if (run.Status != RunStatus.Published || marker?.RunId != run.Id)
            return new(title, run, cohort.Name, [], 0, $"Run {run.Id} is not the published run of {cohort.Name}.");
        var pairs = (await runs.ListMatchesAsync(cohort.Id, ct))
            .Where(m => m.RunId == run.Id && m.Status == MatchStatus.Introduced)
            .Select(m => new NamedPair(m.MentorId, m.MentorName, m.MenteeId, m.MenteeName))
            .OrderBy(p => p.MentorName, StringComparer.OrdinalIgnoreCase).ToList();
        return new(title, run, cohort.Name, pairs, pairs.SelectMany(p => new[] { p.MentorId, p.MenteeId }).Distinct().Count(), null);
    }
}
