using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;
using static MentoringFunctions.Core.Tests.Matching.People;

namespace MentoringFunctions.Core.Tests.Matching;

public class MatcherBasicsTests
{
    [Fact]
    public void Matches_a_simple_pair_with_reasons()
    {
        var result = Matcher.Run([
            Mentor("m1", 15, org: "Org A", region: "North West", offers: "finance;procurement;policy;heat"),
            Mentee("e1", 7, org: "Org B", region: "North West", meeting: MeetingPreference.InPerson, seeks: "Finance;procurement;policy;legal"),
        ], MatchSettings.Default);

        Assert.True(result.IsValid);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(("m1", "e1"), (pair.MentorId, pair.MenteeId));
        Assert.Equal(["Finance", "procurement", "policy"], pair.Parts.SharedTopics);
        Assert.Equal(45, pair.Parts.Topics);      // 60 x 3/4
        Assert.Equal(30, pair.Parts.Experience);  // gap 8 is inside 5-10
        Assert.Equal(10, pair.Parts.Region);
        Assert.Equal(85, pair.Score);
        Assert.Contains("shares 3 of 4 topics: Finance, procurement, policy", pair.Reasons);
        Assert.Contains("8 more years in the sector", pair.Reasons);
        Assert.Contains("both in North West", pair.Reasons);
        Assert.True(result.Optimality!.Proven);
        Assert.Empty(result.Unmatched);
    }

    [Fact]
    public void Prefers_more_matches_over_a_better_single_fit()
    {
        // m1 fits e1 best, but only m1 can take e2: the optimum gives e2 to m1 and e1 to m2.
        var result = Matcher.Run([
            Mentor("m1", 20, offers: "finance;policy"),
            Mentor("m2", 10, offers: "heat"),
            Mentee("e1", 2, seeks: "finance;policy"),
            Mentee("e2", 15, seeks: "heat"),
        ], MatchSettings.Default);

        Assert.Equal([("m1", "e2"), ("m2", "e1")], result.Pairs.Select(p => (p.MentorId, p.MenteeId)));
    }

    [Fact]
    public void Both_applicant_can_mentor_and_be_mentored_but_never_themselves()
    {
        var result = Matcher.Run([
            Mentor("m1", 20),
            Both("b1", 10, capacity: 2),
            Mentee("e1", 3),
        ], MatchSettings.Default with { Rules = new MatchRules { RequireExperienceGap = false } });

        Assert.Contains(result.Pairs, p => p is { MentorId: "m1", MenteeId: "b1" });
        Assert.Contains(result.Pairs, p => p is { MentorId: "b1", MenteeId: "e1" });
        Assert.DoesNotContain(result.Pairs, p => p.MentorId == p.MenteeId);
        var both = Assert.Single(result.Both);
        Assert.Equal("m1", both.Mentor);
        Assert.Equal(["e1"], both.Mentees);
        Assert.StartsWith("Matched on both sides", both.Summary);
    }

    [Fact]
    public void Pure_mentees_come_before_both_requests_by_default_and_equal_priority_can_change_that()
    {
        // One place. The "both" applicant fits far better, but by default the pure mentee gets it.
        Application[] apps =
        [
            Mentor("m1", 20, offers: "finance;policy"),
            Both("b1", 12, seeks: "finance;policy", offers: "heat"),
            Mentee("e1", 11, seeks: "legal"), // too close in years for b1 to mentor
        ];
        var pureFirst = Matcher.Run(apps, MatchSettings.Default);
        Assert.Equal("e1", Assert.Single(pureFirst.Pairs).MenteeId);
        var unmatched = Assert.Single(pureFirst.Unmatched);
        Assert.Equal("b1", unmatched.MenteeId);
        Assert.Contains("Pure mentees come before", unmatched.Reason);

        var equal = Matcher.Run(apps, MatchSettings.Default with { BothPriority = BothPriority.Equal });
        Assert.Equal("b1", Assert.Single(equal.Pairs).MenteeId);
    }
}
