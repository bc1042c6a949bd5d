using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Reporting;

/// <summary>An application as the figures need it: no names or addresses, so reports cannot leak them.</summary>
public sealed record ApplicantFact(string Id, Role Role, int Years, string Region, int Capacity, DateOnly SubmittedOn, bool Active);

/// <summary>A published pair. Ended: finished early (or ended by the working group); withdrawn runs are left out.</summary>
public sealed record PairFact(string Key, string MentorId, string MenteeId, string MentorName, string MenteeName,
    DateOnly IntroducedOn, DateOnly? FirstMeetingOn, bool AnsweredCheckIn, bool Ended);

/// <summary>One feedback answer. MayQuote: the person ticked that their comments may be quoted in reports.</summary>
public sealed record FeedbackFact(string PersonId, string Stage, int Overall, int Usefulness, int Relationship, double HoursSpent,
    bool WantsToContinue, bool WantsHelp, bool WantsToEnd, string Comments, bool MayQuote, DateTimeOffset SubmittedAt);

public sealed record SessionFact(string MentorId, string MatchKey, DateOnly Date, int Minutes);

/// <summary>
/// Everything one cohort's dashboard and report are computed from, read once. Today is the cohort's local date;
/// NotMetAfterDays is when a pair without a first meeting counts as at risk (the cohort's first-meeting nudge).
/// </summary>
public sealed record CohortFacts(string Id, string Name, DateOnly ProgrammeStart, DateOnly Today, int MinYearsGap,
    int NotMetAfterDays, IReadOnlyList<ApplicantFact> Applicants, IReadOnlyList<PairFact> Pairs,
    IReadOnlyList<FeedbackFact> Feedback, IReadOnlyList<SessionFact> Sessions);
