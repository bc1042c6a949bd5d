using MentoringFunctions.Cohorts;
using MentoringFunctions.Email;

namespace MentoringFunctions.Matching;

public sealed record MatchWithdrawnMail(string CohortName, string Name, IReadOnlyList<string> Partners);

/// <summary>
/// When the working group withdraws a published run and chooses to tell the people in it: one e-mail each,
/// naming the partners they were introduced to. Keyed by the withdrawal, so a retry sends nothing twice and a
/// later withdrawal of the same run (published again) is told again.
/// </summary>
public sealed class WithdrawnMatchEmails(MatchRunStore runs, CohortRepository cohorts, EmailTemplates templates, Outbox outbox)
{
    public async Task<int> TellAsync(MatchRun run, CancellationToken ct)
    {
        if (run.WithdrawnAt is not { } withdrawnAt || await cohorts.GetAsync(run.Cohort, ct) is not { Cohort: var cohort }) return 0;
        var ended = (await runs.ListMatchesAsync(cohort.Id, ct))
            .Where(m => m.RunId == run.Id && m.Status == MatchStatus.Withdrawn && m.EndedAt == withdrawnAt).ToList();
        var people = ended.SelectMany(m => new[]
            {
                (Id: m.MentorId, Email: m.MentorEmail, Name: m.MentorName, Partner: m.MenteeName),
                (Id: m.MenteeId, Email: m.MenteeEmail, Name: m.MenteeName, Partner: m.MentorName),
            })
            .GroupBy(p => p.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        var queued = 0;
        foreach (var person in people)
        {
            var first = person.First();
            var message = await templates.ComposeAsync(EmailKind.MatchWithdrawn, cohort.Id,
                EmailKinds.Key(EmailKind.MatchWithdrawn, cohort.Id, run.Id, withdrawnAt.UtcTicks.ToString(
                    System.Globalization.CultureInfo.InvariantCulture), person.Key),
                first.Email, first.Name, new MatchWithdrawnMail(cohort.Name, first.Name, person.Select(p => p.Partner).Order().ToList()));
            if (await outbox.EnqueueAsync(message, ct)) queued++;
        }
        return queued;
    }
}
