using MentoringFunctions.Core.Matching;
using MentoringFunctions.Core.Text;
using static MentoringFunctions.Core.Tests.Matching.People;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>The "not matched" e-mail's reason comes from the matcher's own explanation, in the person's words.</summary>
public class PersonalReasonsTests
{
    [Fact]
    public void A_mentee_ruled_out_by_the_rules_hears_which_rules_with_counts_and_no_ids()
    {
        var result = Matcher.Run([
            Mentor("m1", 20, org: "Org A"),
            Mentor("m2", 18, org: "org a"),
            Mentor("m3", 10, org: "Org B"),
            Mentee("e1", 9, org: "Org A"),
        ], MatchSettings.Default);

        var reason = PersonalReasons.WhyNoMentor(Assert.Single(result.Unmatched));
        Assert.Equal("Every mentor in this round was ruled out by the programme's matching rules: 2 work in your organisation, "
            + "1 did not have enough more years in the sector than you.", reason);
    }

    [Fact]
    public void A_mentee_whose_suitable_mentor_was_full_hears_that()
    {
        var result = Matcher.Run([Mentor("m1", 20), Mentee("e1", 2), Mentee("e2", 3)], MatchSettings.Default);
        var reason = PersonalReasons.WhyNoMentor(Assert.Single(result.Unmatched));
        Assert.Equal("1 mentor would have suited you, but their places were needed for other mentees who had no one else "
            + "who suited them.", reason);
        Assert.DoesNotContain("m1", reason);
    }

    [Fact]
    public void No_mentors_at_all_and_unknown_kinds()
    {
        var result = Matcher.Run([Mentee("e1", 2)], MatchSettings.Default);
        Assert.Equal("No one else in this round offered to mentor.", PersonalReasons.WhyNoMentor(Assert.Single(result.Unmatched)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PersonalReasons.WhyNoMentor(new UnmatchedMentee("x", false, "somethingNew", "", 0, new Dictionary<string, int>())));
    }

    [Fact]
    public void A_mentor_without_a_mentee_hears_about_spare_places_only_when_there_were()
    {
        var spare = Matcher.Run([Mentor("m1", 20), Mentor("m2", 20), Mentee("e1", 2)], MatchSettings.Default).Summary;
        Assert.StartsWith("This round had more mentor places (2) than people asking for a mentor (1)", PersonalReasons.WhyNoMentee(spare));
        Assert.StartsWith("Every mentee was matched", PersonalReasons.WhyNoMentee(null));
    }

    [Fact]
    public void Plurals_are_right()
    {
        Assert.Equal("1 year", Plural.Of(1, "year"));
        Assert.Equal("2 years", Plural.Of(2, "year"));
        Assert.Equal("0 years", Plural.Of(0, "year"));
        Assert.Equal("1 person", Plural.Of(1, "person", "people"));
        Assert.Equal("1,200 people", Plural.Of(1200, "person", "people"));
        var result = Matcher.Run([Mentor("m1", 2), Mentee("e1", 1)], MatchSettings.Default);
        Assert.Contains("You have 1 year.", Assert.Single(result.Unmatched).Reason);
    }
}
