using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Rhythm;

namespace MentoringFunctions.Rhythm;

/// <summary>One of a person's pairs in their check-in: the partner, which side they are, and the pair's own links.</summary>
public sealed record PairLinks(string Partner, string PartnerRole, string MetUrl, string NotYetUrl, string HoursUrl);

/// <summary>A first-meeting nudge or a check-in: one e-mail a day per person, however many pairs they are in.</summary>
public sealed record CheckInMail(string CohortName, string Name, IReadOnlyList<PairLinks> Pairs, string FeedbackUrl,
    string UnsubscribeUrl, bool WorkingGroupReplies);

public sealed record UnmetPair(string Mentor, string Mentee, DateOnly IntroducedOn);

/// <summary>
/// The working group's daily summary: pairs that reached the escalation day today, and those still waiting from before.
/// </summary>
public sealed record EscalationMail(string CohortName, IReadOnlyList<UnmetPair> Pairs, IReadOnlyList<UnmetPair> Earlier,
    int Days, int NudgeDays);

/// <summary>Builds the models of the kinds <see cref="DueGrouping"/> groups, from every match the e-mail covers.</summary>
public static class GroupedMail
{
    /// <summary>A signed link for a person and match: path, purpose, lifetime, extra query.</summary>
    public delegate string LinkFor(string? matchKey, string path, string purpose, TimeSpan life, string extra = "");

    public static IReadOnlyList<ActiveMatch> MatchesOf(DueEmail due, RhythmIndex index) =>
        (due.MatchKeys ?? (due.MatchKey is null ? [] : [due.MatchKey]))
            .Select(k => index.ByKey.GetValueOrDefault(k)).OfType<ActiveMatch>().ToList();

    public static CheckInMail CheckIn(Cohort cohort, DueEmail due, RhythmIndex index, LinkFor link, string unsubscribe)
    {
        var person = due.PersonId!;
        var pairs = MatchesOf(due, index).Select(m =>
        {
            var mentor = m.Mentor.Id == person;
            return new PairLinks(mentor ? m.Mentee.Name : m.Mentor.Name, mentor ? "mentee" : "mentor",
                link(m.Key, "checkin", "checkin", RhythmMail.LinkLifetime, "&answer=met"),
                link(m.Key, "checkin", "checkin", RhythmMail.LinkLifetime, "&answer=not-yet"),
                mentor ? link(m.Key, "hours", "hours", RhythmMail.UnsubscribeLifetime) : "");
        }).ToList();
        var adHoc = FeedbackStage.AdHoc.ToString().ToLowerInvariant();
        return new CheckInMail(cohort.Name, due.ToName, pairs,
            link(pairs.Count == 1 ? due.MatchKey : null, "feedback", $"feedback:{adHoc}", RhythmMail.LinkLifetime),
            unsubscribe, cohort.WorkingGroupEmails.Count > 0);
    }

    public static EscalationMail Escalation(Cohort cohort, DueEmail due, RhythmIndex index)
    {
        var today = MatchesOf(due, index);
        var keys = today.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var day = due.Day ?? throw new ArgumentException("A first-meeting summary is always for a day.", nameof(due));
        var escalation = cohort.Rhythm.FirstMeetingEscalationDays;
        var earlier = index.ByKey.Values
            .Where(m => m.FirstMeetingOn is null && !keys.Contains(m.Key) && m.IntroducedOn.AddDays(escalation) < day)
            .OrderBy(m => m.IntroducedOn).ThenBy(m => m.Mentor.Name, StringComparer.Ordinal);
        static UnmetPair Pair(ActiveMatch m) => new(m.Mentor.Name, m.Mentee.Name, m.IntroducedOn);
        return new EscalationMail(cohort.Name, today.OrderBy(m => m.Mentor.Name, StringComparer.Ordinal).Select(Pair).ToList(),
            earlier.Select(Pair).ToList(), escalation, cohort.Rhythm.FirstMeetingNudgeDays);
    }
}
