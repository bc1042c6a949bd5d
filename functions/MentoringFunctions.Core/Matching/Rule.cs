namespace MentoringFunctions.Core.Matching;

/// <summary>The hard rules a pair can fail, as flags so one check can report all of them.</summary>
[Flags]
internal enum Rule
{
    None = 0,
    Experience = 1,
    Organisation = 2,
    Meeting = 4,
    Avoid = 8,
    Previous = 16,
    Excluded = 32,
    Topic = 64,
}

internal static class RuleText
{
    public static readonly Rule[] All = [Rule.Experience, Rule.Organisation, Rule.Meeting, Rule.Avoid, Rule.Previous, Rule.Excluded, Rule.Topic];

    /// <summary>The JSON key for a rule in reports.</summary>
    public static string Key(Rule rule) => rule switch
    {
        Rule.Experience => "experienceGap",
        Rule.Organisation => "sameOrganisation",
        Rule.Meeting => "meetingPreference",
        Rule.Avoid => "avoidList",
        Rule.Previous => "previousPartner",
        Rule.Excluded => "excludedByWorkingGroup",
        Rule.Topic => "sharedTopic",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule"),
    };

    /// <summary>What a mentor must be to pass the rule, phrased to follow "no mentor ...".</summary>
    public static string Qualifier(Rule rule, int minGap, string region) => rule switch
    {
        Rule.Experience => $"has {minGap}+ more years in the sector than you",
        Rule.Organisation => "outside your organisation",
        Rule.Meeting => region.Length > 0 ? $"with a compatible meeting preference (in person means in {region})" : "with a compatible meeting preference",
        Rule.Avoid => "clear of both sides' avoid lists",
        Rule.Previous => "who is not a previous partner",
        Rule.Excluded => "not excluded by the working group",
        Rule.Topic => "offering a topic you seek",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule"),
    };

    /// <summary>The rule as the thing that rules a mentor out, for "3 ruled out by ...".</summary>
    public static string Failure(Rule rule, int minGap) => rule switch
    {
        Rule.Experience => $"having fewer than {minGap} more years in the sector than you",
        Rule.Organisation => "being in your organisation",
        Rule.Meeting => "meeting preference or region",
        Rule.Avoid => "an avoid list (yours or theirs)",
        Rule.Previous => "being your partner before",
        Rule.Excluded => "a working group exclusion",
        Rule.Topic => "offering none of the topics you seek",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule"),
    };
}
