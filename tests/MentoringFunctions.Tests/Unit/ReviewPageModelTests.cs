using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Matching;

namespace MentoringFunctions.Tests.Unit;

/// <summary>The review page's model: topic filter on shared topics, names in the matcher's explanations, ticks kept.</summary>
public class ReviewPageModelTests
{
    private static ApplicantSnapshot Person(string id, string name, Role role, string[] offers, string[] seeks) =>
        new(id, role, name, $"{id}@ex.org", "Org " + id, role == Role.Mentee ? 2 : 12, "Wales", "either", offers, seeks,
            role == Role.Mentee ? 0 : 2, 1);

    private static readonly MatchRun Run = MatchRun.Queued("r1", "c1", "{}", "", DateTimeOffset.UnixEpoch) with
    {
        Status = RunStatus.Completed,
    };

    // Tia seeks Finance and Policy but her mentor offers only Finance; Ola and Una share Policy.
    private static readonly MatchRunResult Result = new([],
        [
            new MatchPair("m1", "e1", 30, new ScoreParts(10, 10, 10, ["Finance"], 2, 10, true), false, "Finance"),
            new MatchPair("m2", "e2", 30, new ScoreParts(10, 10, 10, ["Policy"], 1, 10, true), false, "Policy"),
        ],
        [new UnmatchedMentee("e3", false, "mentorsAtCapacity",
            "Every mentor who passes the rules (2: m1, m2) is at capacity with other mentees the optimum needed.", 2,
            new Dictionary<string, int>())],
        [new BothSummary("m2", ["e2"], 2, "m1", "both: mentors e2 (1 of 2 places); is mentored by m1")],
        null, null,
        [
            Person("m1", "Mina Mentor", Role.Mentor, ["Finance"], []), Person("m2", "Ola Both", Role.Both, ["Policy"], ["Finance"]),
            Person("e1", "Tia Mentee", Role.Mentee, [], ["Finance", "Policy"]), Person("e2", "Una Mentee", Role.Mentee, [], ["Policy"]),
            Person("e3", "Vic Mentee", Role.Mentee, [], ["Policy"]),
        ], 1);

    private static MatchRunPage Build(PairFilter filter, (IReadOnlySet<string>, IReadOnlySet<string>)? ticks = null) =>
        MatchRunPage.Build(Run, "Cohort", Result, MatchSettings.Default with { Excludes = [new PairRef("m1", "e2")] }, filter, [], [],
            null, ticks);

    [Fact]
    public void The_topic_filter_shows_only_pairs_that_share_the_topic()
    {
        var policy = Build(new PairFilter(null, null, "Policy", null, null, "score"));
        Assert.Equal(["m2|e2"], policy.Pairs.Select(p => p.Key));             // not Tia's pair: she seeks Policy, they share Finance
        Assert.Equal(["m1|e1"], Build(new PairFilter(null, null, "finance", null, null, "score")).Pairs.Select(p => p.Key));
    }

    [Fact]
    public void Explanations_and_lists_name_people_with_the_id_beside()
    {
        var page = Build(new PairFilter(null, null, null, null, null, "score"));
        var unmatched = Assert.Single(page.Unmatched);
        Assert.Equal("Vic Mentee", unmatched.Name);
        Assert.Equal("Every mentor who passes the rules (2: Mina Mentor [m1], Ola Both [m2]) is at capacity with other mentees the "
            + "optimum needed.", unmatched.Reason);
        Assert.Equal("both: mentors Una Mentee [e2] (1 of 2 places); is mentored by Mina Mentor [m1]", Assert.Single(page.Both).Summary);
        Assert.Equal(new NamedPair("m1", "Mina Mentor", "e2", "Una Mentee"), Assert.Single(page.Excluded));
        Assert.Equal("3 mentor(s) pass the rules (Mina Mentor [m1], Ola Both [m2] and 1 more) and 1 still had places.",
            PeopleNames.InReason("3 mentor(s) pass the rules (m1, m2 and 1 more) and 1 still had places.", Result.ById()));
        Assert.Equal("Pure mentees come first (bothPriority: pureMenteesFirst).",
            PeopleNames.InReason("Pure mentees come first (bothPriority: pureMenteesFirst).", Result.ById()));
    }

    [Fact]
    public void Ticks_as_posted_come_back_and_the_sort_menu_is_in_words()
    {
        var ticked = Build(new PairFilter(null, null, null, null, null, "score"),
            (new HashSet<string> { "m1|e1" }, new HashSet<string> { "m1|e1", "m2|e2" }));
        Assert.All(ticked.Pairs, p => Assert.True(p.ExcludeTicked));
        Assert.Equal([true, false], ticked.Pairs.OrderBy(p => p.Key).Select(p => p.Locked));
        Assert.All(PairFilter.Sorts, s => Assert.Contains(' ', s.Label));
        Assert.Equal(["score", "score-asc", "mentor", "mentee", "gap"], PairFilter.Sorts.Select(s => s.Value));
    }

    [Fact]
    public void Lock_and_exclude_on_one_pair_is_named_as_a_contradiction()
    {
        var errors = MatchRunTicks.Contradictions([new PairRef("m1", "e1"), new PairRef("m2", "e2")], [new PairRef("M1", "e1")], Run, Result);
        Assert.Equal("Mina Mentor and Tia Mentee are ticked both Lock and Exclude in run r1: untick one of the two boxes.",
            Assert.Single(errors));
        Assert.Empty(MatchRunTicks.Contradictions([new PairRef("m1", "e1")], [new PairRef("m2", "e2")], Run, Result));
    }
}
