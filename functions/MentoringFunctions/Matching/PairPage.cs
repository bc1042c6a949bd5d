using MentoringFunctions.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Matching;

/// <summary>One of the two people of a pair, as their application says now (or as published, if it is gone).</summary>
public sealed record PairPerson(string Id, string Name, string Email, string Organisation, int YearsInSector, string Region,
    string Application);

/// <summary>A pair as the cohort page lists it: names first, the key only in its link.</summary>
public sealed record PairSummary(string Key, string Href, string MentorName, string MenteeName, MatchStatus Status,
    DateTimeOffset IntroducedAt, string FirstMeetingOn)
{
    public static IReadOnlyList<PairSummary> Of(IEnumerable<PublishedMatch> matches) => matches
        .Where(m => m.Status != MatchStatus.Withdrawn)
        .OrderBy(m => m.Status.IsActive() ? 0 : 1).ThenBy(m => m.MentorName, StringComparer.CurrentCulture)
        .ThenBy(m => m.MenteeName, StringComparer.CurrentCulture)
        .Select(m => new PairSummary(m.Key, PairPage.Href(m.Cohort, m.Key), m.MentorName, m.MenteeName, m.Status,
            m.IntroducedAt, m.FirstMeetingOn)).ToList();
}

public sealed record PairFeedback(string Who, string Stage, int Overall, int Usefulness, int Relationship, int MeetingsHeld,
    double HoursSpent, bool WantsToContinue, bool WantsHelp, bool WantsToEnd, string Comments, DateTimeOffset SubmittedAt);

/// <summary>Everything the working group reads about one published pair, and the form that ends it.</summary>
public sealed record PairPage(string Title, Cohort Cohort, PublishedMatch Match, PairPerson Mentor, PairPerson Mentee,
    bool Active, int DaysSinceIntroduced, IReadOnlyList<PairFeedback> Feedback, int Sessions, int MinutesLogged,
    double HoursInFeedback, IReadOnlyList<string> Notices, string ReasonError, string Reason, bool Wide = true)
{
    public string Link => Href(Cohort.Id, Match.Key);

    /// <summary>The key is "mentor|mentee": escaped, since ids are the applicants' own and may hold any character.</summary>
    public static string Href(string cohort, string key) =>
        $"/manage/cohorts/{Uri.EscapeDataString(cohort)}/pairs/{Uri.EscapeDataString(key)}";

    public static PairPage Build(Cohort cohort, PublishedMatch match, IReadOnlyList<CohortApplication> applications,
        IReadOnlyList<Feedback> feedback, IReadOnlyList<Session> sessions, DateTimeOffset now, IReadOnlyList<string> notices,
        string reason = "", string reasonError = "")
    {
        var byId = applications.ToDictionary(a => a.Id, StringComparer.Ordinal);
        PairPerson Person(string id, string name, string email) => byId.GetValueOrDefault(id) is { } a
            ? new(id, a.Name, a.Email, a.Application.Organisation, a.YearsInSector, a.Region, a.Status.ToString())
            : new(id, name, email, "", 0, "", "no longer held");
        var mentor = Person(match.MentorId, match.MentorName, match.MentorEmail);
        var mentee = Person(match.MenteeId, match.MenteeName, match.MenteeEmail);
        // Feedback names its match; older answers (or ad hoc ones) only their person, so both count.
        var answers = feedback
            .Where(f => f.MatchKey == match.Key || (f.MatchKey.Length == 0 && (f.PersonId == mentor.Id || f.PersonId == mentee.Id)))
            .OrderBy(f => f.SubmittedAt)
            .Select(f => new PairFeedback(f.PersonId == mentor.Id ? $"{mentor.Name} (mentor)" : $"{mentee.Name} (mentee)", f.Stage,
                f.Overall, f.Usefulness, f.Relationship, f.MeetingsHeld, f.HoursSpent, f.WantsToContinue, f.WantsHelp, f.WantsToEnd,
                f.Comments, f.SubmittedAt)).ToList();
        var logged = sessions.Where(s => s.MatchKey == match.Key).ToList();
        return new PairPage($"{mentor.Name} and {mentee.Name}", cohort, match, mentor, mentee, match.Status.IsActive(),
            (int)(now - match.IntroducedAt).TotalDays, answers, logged.Count, logged.Sum(s => s.Minutes),
            answers.Where(a => a.Who.EndsWith("(mentor)", StringComparison.Ordinal)).Sum(a => a.HoursSpent), notices, reasonError,
            reason);
    }
}
