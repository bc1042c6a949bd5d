using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Rhythm;
using ValidFeedback = MentoringFunctions.Core.Rhythm.Feedback;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using MentoringFunctions.Storage;
using Schedule = MentoringFunctions.Core.Rhythm.ProgrammeRhythm;

namespace MentoringFunctions.Rhythm;

public sealed record FeedbackAlertMail(string CohortName, string PersonId, string Stage, bool WantsHelp, bool WantsToEnd, string Comments,
    string PersonName = "");

/// <summary>
/// What a person does through a signed link: confirm a first meeting, log a mentoring session,
/// unsubscribe, answer a feedback request. Each is idempotent, so a second click changes nothing more.
/// </summary>
public sealed class Participation(MatchRunStore runs, CohortRepository cohorts, ParticipationStore store, EmailTemplates templates,
    Outbox outbox, TimeProvider time)
{
    /// <summary>Records the check-in on the match; "met" also sets the first meeting, once, on today's date in the cohort.</summary>
    public async Task CheckInAsync(LinkClaim claim, bool met, CancellationToken ct)
    {
        // A few tries: the timer or the partner may update the same match at the same moment (ETag conflict).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (claim.Match is null || await runs.GetMatchAsync(claim.Cohort, claim.Match, ct) is not { } match) return;
            var now = time.GetUtcNow();
            match = match with { LastCheckInAt = now, LastCheckInAnswer = met ? "met" : "not-yet" };
            if (met && match.FirstMeetingOn.Length == 0 && await cohorts.GetAsync(claim.Cohort, ct) is { } c)
                match = match with { FirstMeetingOn = Schedule.LocalDate(now, c.Cohort.TimeZone).ToString("O") };
            if (await runs.TryReplaceMatchAsync(match, ct) == WriteOutcome.Done) return;
        }
    }

    public Task UnsubscribeAsync(LinkClaim claim, CancellationToken ct) =>
        store.UnsubscribeAsync(claim.Cohort, claim.Person, time.GetUtcNow(), ct);

    /// <summary>The errors by field, or none, the session as logged and the mentor's total minutes after it.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Errors, SessionEntry? Logged, int TotalMinutes)> LogSessionAsync(
        LinkClaim claim, SessionInput input, CancellationToken ct)
    {
        if (await cohorts.GetAsync(claim.Cohort, ct) is not { Cohort: var cohort })
            return (new Dictionary<string, string> { ["date"] = "This programme no longer exists." }, null, 0);
        var validated = SessionValidator.Validate(input, cohort.ProgrammeStart, cohort.ProgrammeEnd,
            Schedule.LocalDate(time.GetUtcNow(), cohort.TimeZone));
        if (!validated.IsValid) return (validated.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value)), null, 0);
        var session = validated.Value!;
        await store.LogSessionAsync(claim.Cohort, new Session(claim.Person, claim.Match ?? "", session.Date, session.Minutes,
            time.GetUtcNow()), ct);
        var total = (await store.SessionsAsync(claim.Cohort, ct)).Where(s => s.MentorId == claim.Person).Sum(s => s.Minutes);
        return (new Dictionary<string, string>(), session, total);
    }

    /// <summary>
    /// Saves the answer for the stage signed into the link (answering again replaces it); a request for
    /// help or to end the match alerts the working group, once per person, stage and member.
    /// </summary>
    public async Task<string> SaveFeedbackAsync(LinkClaim claim, string stage, ValidFeedback f, CancellationToken ct)
    {
        var stageName = ParticipationStore.ParseStage(stage)!.Value.ToString().ToLowerInvariant();
        await store.SaveFeedbackAsync(claim.Cohort, new Feedback(claim.Person, stageName, claim.Match ?? "",
            f.Overall, f.Usefulness, f.Relationship, f.MeetingsHeld, f.HoursSpent, f.WantsToContinue, f.WantsHelp, f.WantsToEnd,
            f.Comments, time.GetUtcNow(), f.MayQuote), ct);
        if ((f.WantsHelp || f.WantsToEnd) && await cohorts.GetAsync(claim.Cohort, ct) is { Cohort: var cohort })
        {
            var match = claim.Match is { } key ? await runs.GetMatchAsync(claim.Cohort, key, ct) : null;
            var name = match is null ? "" : match.MentorId == claim.Person ? match.MentorName : match.MenteeName;
            foreach (var member in cohort.WorkingGroupEmails)
                await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.FeedbackAlert, cohort.Id,
                    EmailKinds.Key(EmailKind.FeedbackAlert, cohort.Id, claim.Person, stageName, member), member, "",
                    new FeedbackAlertMail(cohort.Name, claim.Person, stageName, f.WantsHelp, f.WantsToEnd, f.Comments, name)), ct);
        }
        return stageName;
    }
}
