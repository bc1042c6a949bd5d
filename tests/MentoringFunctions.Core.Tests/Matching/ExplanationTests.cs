using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;
using static MentoringFunctions.Core.Tests.Matching.People;

namespace MentoringFunctions.Core.Tests.Matching;

public class ExplanationTests
{
    [Fact]
    public void Unmatched_mentee_with_no_compatible_mentor_gets_the_rules_that_bite()
    {
        // Senior mentors are all in her organisation; the one outside it is too junior.
        var result = Matcher.Run([
            Mentor("m1", 20, org: "Org A"),
            Mentor("m2", 18, org: "org a"),
            Mentor("m3", 10, org: "Org B"),
            Mentee("e1", 9, org: "Org A"),
        ], MatchSettings.Default);

        var u = Assert.Single(result.Unmatched);
        Assert.Equal("noCompatibleMentor", u.Kind);
        Assert.StartsWith("No mentor outside your organisation has 2+ more years in the sector than you.", u.Reason);
        Assert.Contains("Of 3 mentors: 2 ruled out by being in your organisation, 1 by having fewer than 2 more years", u.Reason);
        Assert.Contains("You have 9 years.", u.Reason);
        Assert.Equal(2, u.RuledOutByRule["sameOrganisation"]);
        Assert.Equal(1, u.RuledOutByRule["experienceGap"]);
        Assert.Equal(0, u.CompatibleMentors);
    }

    [Fact]
    public void A_single_rule_that_rules_out_everyone_is_named_alone()
    {
        var result = Matcher.Run([Mentor("m1", 10, org: "Org A"), Mentor("m2", 11), Mentee("e1", 10, org: "Org A")], MatchSettings.Default);
        Assert.StartsWith("No mentor has 2+ more years in the sector than you.", Assert.Single(result.Unmatched).Reason);
    }

    [Fact]
    public void Unmatched_mentee_whose_mentors_are_full_is_told_so()
    {
        var result = Matcher.Run([Mentor("m1", 20), Mentee("e1", 1), Mentee("e2", 2)], MatchSettings.Default);
        var u = Assert.Single(result.Unmatched);
        Assert.Equal("mentorsAtCapacity", u.Kind);
        Assert.Equal(1, u.CompatibleMentors);
        Assert.StartsWith("Every mentor who passes the rules (1: m1) is at capacity with other mentees the optimum needed.", u.Reason);
    }

    [Fact]
    public void Both_summary_says_which_sides_matched_and_why_not()
    {
        var result = Matcher.Run([
            Mentor("m1", 30, offers: "policy"),
            Both("b1", 12, offers: "finance", seeks: "policy", capacity: 2),
            Both("b2", 29, offers: "finance", seeks: "heat"),
            Mentee("e1", 3, seeks: "finance"),
        ], MatchSettings.Default);

        var b1 = result.Both.Single(b => b.Id == "b1");
        Assert.Equal(2, b1.Capacity);
        Assert.Equal(["e1"], b1.Mentees);
        Assert.Equal("m1", b1.Mentor);
        Assert.StartsWith("Matched on both sides: mentors e1 (1 of 2 places); is mentored by m1", b1.Summary);

        var b2 = result.Both.Single(b => b.Id == "b2");
        Assert.Null(b2.Mentor);
        Assert.StartsWith("Not matched on either side: mentors nobody (0 of 1 places used); own request for a mentor not matched: No mentor has 2+ more years", b2.Summary);
    }

    [Fact]
    public void Supply_and_demand_by_band_and_topic_shows_whom_to_recruit()
    {
        var apps = new List<Application> { Mentor("m1", 6, offers: "finance"), Mentor("m2", 16, offers: "policy") };
        for (var i = 0; i < 14; i++) apps.Add(Mentee($"e{i:D2}", 5 + i % 10, seeks: "finance;policy"));
        apps.Add(Mentee("j1", 2, seeks: "finance"));
        var s = Matcher.Run(apps, MatchSettings.Default).Summary!;

        Assert.Equal(15, s.Mentees);
        Assert.Equal(2, s.MentorPlaces);
        var band = s.ByExperience.Single(b => b.Band == "5-9");
        Assert.Equal(9, band.Mentees);           // years 5-9 (and 5-8 again)
        Assert.Equal(1, band.MentorPlaces);          // m1 has 6 years
        Assert.Equal(1, band.MentorPlacesForThem);   // only m2 has 7+ years
        Assert.Equal(13, band.Gap);                  // 14 mentees with 5+ years, 1 place with 7+ years
        Assert.Contains("14 mentees with 5+ years, 1 mentor place with 7+ years for them: recruit mentors with 7+ years for at least 13 more places.", s.Gaps);
        Assert.Equal(["0-4", "5-9", "10-14", "15-19", "20+"], s.ByExperience.Select(b => b.Band));
        var finance = s.ByTopic.Single(t => t.Topic == "finance");
        Assert.Equal((15, 1, 14), (finance.Mentees, finance.MentorPlaces, finance.Gap));
        Assert.StartsWith("15 mentees and 2 mentor places in all", s.Gaps[0]);
    }
}
