using MentoringFunctions.Cohorts;
using MentoringFunctions.Email;

namespace MentoringFunctions.Matching;

public sealed record RunFinishedMail(string CohortName, string RunId, RunStatus Status, string FailureReason,
    int Pairs, int Unmatched, bool Proven);

/// <summary>Tells the working group a run finished, with a link to its review page (once per run and member).</summary>
public sealed class MatchRunNotifier(CohortRepository cohorts, EmailTemplates templates, Outbox outbox)
{
    public async Task RunFinishedAsync(MatchRun run, CancellationToken ct)
    {
        if (await cohorts.GetAsync(run.Cohort, ct) is not { Cohort: var cohort }) return;
        var model = new RunFinishedMail(cohort.Name, run.Id, run.Status, run.FailureReason, run.Pairs, run.Unmatched,
            run.Proven);
        foreach (var member in cohort.WorkingGroupEmails)
            await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.MatchRunFinished, cohort.Id,
                EmailKinds.Key(EmailKind.MatchRunFinished, run.Id, member), member, "", model), ct);
    }
}
