using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using Schedule = MentoringFunctions.Core.Rhythm.ProgrammeRhythm;

namespace MentoringFunctions.Rhythm;

/// <summary>
/// The daily timer's work: for every cohort in its programme window, works out the
/// e-mails due on each day since the last run (catching up an outage within the cohort's window)
/// and puts them in the outbox in batches. Keys make it exactly-once: a re-run, an overlapping run
/// or a restart finds the same keys already queued.
/// </summary>
public sealed class RhythmPass(CohortRepository cohorts, MatchRunStore runs, ParticipationStore participation,
    ApplicationRepository applications, RhythmMail mail, Outbox outbox, TimeProvider time)
{
    /// <summary>One pass over every cohort: what each queued, and whether any failed (to be caught up next time).</summary>
    public async Task<(bool Succeeded, IReadOnlyList<string> Logs)> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var logs = new List<string>();
        var failed = false;
        foreach (var cohort in await cohorts.ListAsync(ct))
        {
            // One cohort's trouble must not stop the others' e-mails; its cursor stays, so tomorrow catches it up.
            try
            {
                if (await RunCohortAsync(cohort, now, ct) is { } queued) logs.Add($"{cohort.Id}: {queued} e-mails queued");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed = true;
                logs.Add($"{cohort.Id}: failed, will catch up on the next run: {ex.Message}");
            }
        }
        return (!failed, logs.Count == 0 ? ["No cohort in its programme window"] : logs);
    }

    public async Task<int?> RunCohortAsync(Cohort cohort, DateTimeOffset now, CancellationToken ct)
    {
        var today = Schedule.LocalDate(now, cohort.TimeZone);
        if (today < cohort.ProgrammeStart.AddDays(-60) || today > cohort.ProgrammeEnd.AddDays(21)) return null;
        var days = Schedule.DaysToProcess(await participation.LastProcessedAsync(cohort.Id, ct), today, cohort.Rhythm.CatchUpDays).ToList();
        if (days.Count == 0) return 0;

        var matches = (await runs.ListMatchesAsync(cohort.Id, ct)).Where(m => m.Status == MatchStatus.Introduced).ToList();
        var unsubscribed = await participation.UnsubscribedAsync(cohort.Id, ct);
        var feedback = await participation.FeedbackAsync(cohort.Id, ct);
        var facts = new ProgrammeFacts(cohort.Id, cohort.TimeZone, cohort.ProgrammeStart, cohort.Midpoint, cohort.ProgrammeEnd, cohort.WorkingGroupEmails,
            matches.Select(m => new ActiveMatch(m.Key,
                new Person(m.MentorId, m.MentorEmail, m.MentorName, unsubscribed.Contains(m.MentorId)),
                new Person(m.MenteeId, m.MenteeEmail, m.MenteeName, unsubscribed.Contains(m.MenteeId)),
                Schedule.LocalDate(m.IntroducedAt, cohort.TimeZone),
                DateOnly.TryParse(m.FirstMeetingOn, out var met) ? met : null)).ToList(),
            feedback.Select(f => (f.PersonId, ParticipationStore.ParseStage(f.Stage))).Where(f => f.Item2 is not null)
                .Select(f => (f.PersonId, f.Item2!.Value)).ToHashSet());

        var index = new RhythmIndex(facts);
        DigestMail? digest = null;
        var applicationsSince = now.AddDays(-7);
        var messages = new List<EmailMessage>();
        foreach (var due in days.SelectMany(d => Schedule.Due(facts, cohort.Rhythm, d, now)))
        {
            if (due.Kind == DueKind.Digest && digest is null)
                digest = await DigestAsync(cohort, facts, feedback, applicationsSince, today, ct);
            messages.Add(await mail.ComposeAsync(cohort, due, index, () => digest!));
        }
        var queued = await outbox.EnqueueManyAsync(messages, ct);
        await participation.SetLastProcessedAsync(cohort.Id, today, ct);
        return queued;
    }

    private async Task<DigestMail> DigestAsync(Cohort cohort, ProgrammeFacts facts, IReadOnlyList<Feedback> feedback,
        DateTimeOffset since, DateOnly today, CancellationToken ct)
    {
        var all = await applications.ListAsync(cohort.Id, ct);
        // The working group reads people by name; the id stays beside it for finding the application.
        var names = all.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        string Who(string id) => names.TryGetValue(id, out var name) ? $"{name} ({id})" : id;
        var newApplications = all.Where(a => a.SubmittedAt >= since)
            .Select(a => $"{a.Name} ({a.Role.ToText()}, {a.YearsInSector} years, {a.Region})").ToList();
        var recent = feedback.Where(f => f.SubmittedAt >= since).Select(f => $"{Who(f.PersonId)}: {f.Stage}, overall {f.Overall}/5").ToList();
        var atRisk = facts.Matches.Where(m => m.FirstMeetingOn is null && m.IntroducedOn.AddDays(cohort.Rhythm.FirstMeetingNudgeDays) <= today)
            .Select(m => $"{m.Mentor.Name} and {m.Mentee.Name}: no first meeting yet")
            .Concat(feedback.Where(f => f.WantsToEnd).Select(f => $"{Who(f.PersonId)} asked to end their match"))
            .Concat(feedback.Where(f => f.WantsHelp).Select(f => $"{Who(f.PersonId)} asked the working group for help"))
            .Concat(feedback.Where(f => f.Overall is > 0 and <= 2).Select(f => $"{Who(f.PersonId)} rated their match {f.Overall}/5 ({f.Stage})"))
            .ToList();
        return new DigestMail(cohort.Name, today, Cap(newApplications), Cap(recent), Cap(atRisk));
    }

    // A digest must fit in one table property (32,000 characters): long lists end with a count.
    internal static IReadOnlyList<string> Cap(List<string> items, int max = 40) =>
        items.Count <= max ? items : [.. items.Take(max), $"... and {items.Count - max} more (see the working group pages)"];
}
