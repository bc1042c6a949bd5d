namespace MentoringFunctions.Core.Rhythm;

public sealed record Person(string Id, string Email, string Name, bool Unsubscribed);

public sealed record ActiveMatch(string Key, Person Mentor, Person Mentee, DateOnly IntroducedOn, DateOnly? FirstMeetingOn);

public enum FeedbackStage { Midpoint, Final, AdHoc }

/// <summary>Everything the schedule needs to know about one cohort on one day; gathered by the adapter.</summary>
public sealed record ProgrammeFacts(
    string CohortId,
    string TimeZone,
    DateOnly ProgrammeStart,
    DateOnly Midpoint,
    DateOnly ProgrammeEnd,
    IReadOnlyList<string> WorkingGroup,
    IReadOnlyList<ActiveMatch> Matches,
    IReadOnlySet<(string PersonId, FeedbackStage Stage)> Answered);

public enum DueKind
{
    FirstMeetingNudge, FirstMeetingEscalation, CheckIn, FeedbackRequest, FeedbackReminder, LunchInvite, LunchReminder, Digest,
}

/// <summary>
/// One e-mail that is due. Key is deterministic ("kind/period/who"; the outbox partition is the
/// cohort, and the first two segments group a day's keys so a re-run can look them up at once), so computing the
/// same day twice (a re-run, two overlapping runs, a restart) yields the same keys and the outbox
/// keeps one. Service e-mails to the working group ignore unsubscribes; nudges respect them.
/// MatchKeys lists every match a grouped e-mail covers (<see cref="DueGrouping"/>); null for one match or none.
/// </summary>
public sealed record DueEmail(DueKind Kind, string Key, string ToEmail, string ToName, string? PersonId, string? MatchKey,
    FeedbackStage? Stage = null, DateOnly? LunchDate = null, DateOnly? Day = null, IReadOnlyList<string>? MatchKeys = null);
