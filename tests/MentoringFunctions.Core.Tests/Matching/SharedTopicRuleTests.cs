using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;
using static MentoringFunctions.Core.Tests.Matching.People;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>"Require at least one shared topic": a hard rule when the working group turns it on, explained when it bites.</summary>
public class SharedTopicRuleTests
{
    private static readonly MatchSettings Shared = MatchSettings.Default with { Rules = new MatchRules { RequireSharedTopic = true } };

    [Fact]
    public void Off_by_default_so_a_pair_with_no_shared_topic_can_still_match()
    {
        var result = Matcher.Run([Mentor("m", 20, offers: "policy"), Mentee("e", 1, seeks: "finance")], MatchSettings.Default);
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData("policy", "finance", false)]
    [InlineData("policy;FINANCE ", "finance", true)]
    [InlineData("finance", "policy;finance", true)]
    [InlineData("finance", "", false)]
    public void When_on_the_mentor_must_offer_a_topic_the_mentee_seeks(string offers, string seeks, bool paired)
    {
        var result = Matcher.Run([Mentor("m", 20, offers: offers), Mentee("e", 1, seeks: seeks)], Shared);
        Assert.Equal(paired, result.Pairs.Count == 1);
    }

    [Fact]
    public void The_rule_picks_the_mentor_who_shares_a_topic_even_at_a_lower_fit()
    {
        // m1 fits better on experience (gap 7, inside the ideal 5-10) but shares nothing.
        Application[] apps = [Mentor("m1", 8, offers: "policy"), Mentor("m2", 30, offers: "finance"), Mentee("e", 1, seeks: "finance")];
        Assert.Equal("m2", Assert.Single(Matcher.Run(apps, Shared).Pairs).MentorId);
    }

    [Fact]
    public void An_unmatched_mentee_is_told_no_mentor_offers_what_she_seeks()
    {
        var result = Matcher.Run([Mentor("m", 20, offers: "policy"), Mentor("n", 20, offers: "design"), Mentee("e", 1, seeks: "finance")], Shared);
        var unmatched = Assert.Single(result.Unmatched);
        Assert.Equal("noCompatibleMentor", unmatched.Kind);
        Assert.Equal(2, unmatched.RuledOutByRule["sharedTopic"]);
        Assert.Contains("No mentor offering a topic you seek", unmatched.Reason);
        Assert.Contains("2 ruled out by offering none of the topics you seek", unmatched.Reason);
        Assert.Contains("You seek finance.", unmatched.Reason);
    }

    [Fact]
    public void The_rule_round_trips_through_settings_json()
    {
        var (parsed, error) = MatchSettingsJson.Parse("""{ "rules": { "requireSharedTopic": true } }""");
        Assert.Null(error);
        Assert.True(parsed!.Rules.RequireSharedTopic);
        Assert.Contains("\"requireSharedTopic\": true", MatchSettingsJson.Write(parsed));
    }
}
