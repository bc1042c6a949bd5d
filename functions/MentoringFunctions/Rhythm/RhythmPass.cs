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

    /// <summary>Queues what is due for one cohort; null outside its programme window.</summary>
    public async Task<int?> RunCohortAsync(Cohort cohort, DateTimeOffset now, CancellationToken ct)
    {
        if (await PlanAsync(cohort, now, null, ct) is not { } plan) return null;
        if (plan.Days.Count == 0) return 0;
        var queued = await outbox.EnqueueManyAsync(plan.Messages, ct);
        await participation.SetLastProcessedAsync(cohort.Id, plan.Today, ct);
        return queued;
    }

    /// <summary>
    /// What a pass at <paramref name="now"/> queues for the cohort, composed exactly as it will be sent, writing
    /// nothing: null outside the programme window. The days are the cursor's (what the timer would catch up), or
    /// the ones given (the preview of one date).
    /// </summary>
    public async Task<RhythmPlan?> PlanAsync(Cohort cohort, DateTimeOffset now, IReadOnlyList<DateOnly>? only,
        CancellationToken ct)
    {
        var today = Schedule.LocalDate(now, cohort.TimeZone);
        if (today < cohort.ProgrammeStart.AddDays(-60) || today > cohort.ProgrammeEnd.AddDays(21)) return null;
        var days = only?.ToList()
            ?? Schedule.DaysToProcess(await participation.LastProcessedAsync(cohort.Id, ct), today, cohort.Rhythm.CatchUpDays).ToList();
        if (days.Count == 0) return new RhythmPlan(today, days, []);

        var matches = RhythmScope.Running(await runs.ListMatchesAsync(cohort.Id, ct), await applications.ListAsync(cohort.Id, ct));
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
        var digests = new Dictionary<DateOnly, DigestMail>();
        IReadOnlyList<CohortApplication>? applied = null;
        var messages = new List<EmailMessage>();
        foreach (var due in DueGrouping.Group(days.SelectMany(d => Schedule.Due(facts, cohort.Rhythm, d, now))))
        {
            var day = due.Day ?? today;
            if (due.Kind == DueKind.Digest && !digests.ContainsKey(day))
                digests[day] = WeeklyDigest.Build(cohort, day, applied ??= await applications.ListAsync(cohort.Id, ct),
                    feedback, facts.Matches);
            messages.Add(await mail.ComposeAsync(cohort, due, index, () => digests[day]));
        }
        return new RhythmPlan(today, days, messages);
    }

    // A digest must fit in one table property (32,000 characters): long lists end with a count.
    internal static IReadOnlyList<string> Cap(List<string> items, int max = 40) =>
        items.Count <= max ? items : [.. items.Take(max), $"... and {items.Count - max} more (see the working group pages)"];
}

/// <summary>A pass's work for one cohort: the local day it ran on, the days it covered and the e-mails, composed.</summary>
public sealed record RhythmPlan(DateOnly Today, IReadOnlyList<DateOnly> Days, IReadOnlyList<EmailMessage> Messages);
