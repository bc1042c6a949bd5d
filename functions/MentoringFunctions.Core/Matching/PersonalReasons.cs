using MentoringFunctions.Core.Text;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The matcher's explanation of why someone was not matched, in words for that person: no IDs, no solver terms,
/// and nothing the programme does not do. The working group's pages keep the full explanation.
/// </summary>
public static class PersonalReasons
{
    /// <summary>Why a mentee (or a "both" applicant's own request) got no mentor, from <see cref="UnmatchedMentee"/>.</summary>
    public static string WhyNoMentor(UnmatchedMentee unmatched) => unmatched.Kind switch
    {
        UnmatchedReasons.NoCompatibleMentor when unmatched.RuledOutByRule.Count == 0 =>
            "No one else in this round offered to mentor.",
        UnmatchedReasons.NoCompatibleMentor =>
            "Every mentor in this round was ruled out by the programme's matching rules: " + string.Join(", ",
                unmatched.RuledOutByRule.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => $"{r.Value} {Rule(r.Key, r.Value)}")) + ".",
        UnmatchedReasons.MentorsAtCapacity =>
            $"{Plural.Of(unmatched.CompatibleMentors, "mentor")} would have suited you, but " +
            (unmatched.CompatibleMentors == 1 ? "their places were" : "all their places were") +
            " needed for other mentees who had no one else who suited them.",
        _ => throw new ArgumentOutOfRangeException(nameof(unmatched), unmatched.Kind, "An unmatched kind with no words for the person."),
    };

    /// <summary>Why a mentor got no mentee: the matcher matches as many mentees as it can, so places were left over.</summary>
    public static string WhyNoMentee(SupplyDemand? summary) =>
        summary is not null && summary.MentorPlaces > summary.Mentees
            ? $"This round had more mentor places ({summary.MentorPlaces:N0}) than people asking for a mentor " +
              $"({summary.Mentees:N0}), and every mentee was matched with someone who fitted them or could not be " +
              "matched with you under the rules."
            : "Every mentee was matched with a mentor who fitted them better, or could not be matched with you under " +
              "the programme's rules.";

    private static string Rule(string key, int count) => (key, count == 1) switch
    {
        ("experienceGap", _) => "did not have enough more years in the sector than you",
        ("sameOrganisation", true) => "works in your organisation",
        ("sameOrganisation", false) => "work in your organisation",
        ("meetingPreference", _) => "could not meet the way you asked (online, or in person in your region)",
        ("avoidList", true) => "was on an avoid list (yours or theirs)",
        ("avoidList", false) => "were on an avoid list (yours or theirs)",
        ("previousPartner", true) => "was your partner before",
        ("previousPartner", false) => "were your partners before",
        ("excludedByWorkingGroup", true) => "was set aside for you by the working group",
        ("excludedByWorkingGroup", false) => "were set aside for you by the working group",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "A matching rule with no words for the person."),
    };
}
