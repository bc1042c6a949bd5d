using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Core.Tests.Matching;

public class SettingsJsonTests
{
    [Fact]
    public void Round_trips_in_camel_case_with_enums_as_strings()
    {
        var settings = MatchSettings.Default with
        {
            BothPriority = BothPriority.Equal,
            Rules = new MatchRules { MinYearsGap = 3, MaxMenteesPerMentor = 2, RequireCompatibleMeeting = false },
            Locks = [new PairRef("m1", "e1")],
            PreviousPairs = [new PairRef("a@x.org", "b@y.org")],
        };
        var json = MatchSettingsJson.Write(settings);
        Assert.Contains("\"bothPriority\": \"equal\"", json);
        Assert.Contains("\"minYearsGap\": 3", json);
        var (back, error) = MatchSettingsJson.Parse(json);
        Assert.Null(error);
        Assert.Equal(json, MatchSettingsJson.Write(back!));
    }

    [Fact]
    public void Missing_fields_take_defaults()
    {
        var (s, error) = MatchSettingsJson.Parse("""
            { "rules": { "minYearsGap": 4 }, // comments are fine
              "weights": null }
            """);
        Assert.Null(error);
        Assert.Equal(4, s!.Rules.MinYearsGap);
        Assert.True(s.Rules.RequireDifferentOrganisation);
        Assert.Equal(60, s.Weights.Topics);
        Assert.Equal(BothPriority.PureMenteesFirst, s.BothPriority);
        Assert.Empty(s.Locks);
    }

    [Theory]
    [InlineData("""{ "rules": { "minYearGap": 3 } }""", "minYearGap")]
    [InlineData("""{ "bothPriority": "mentorsFirst" }""", "bothPriority")]
    [InlineData("""{ "weights": { "topics": "lots" } }""", "weights.topics")]
    [InlineData("""{ "locks": [ { "mentor": "m1" """, "settings")]
    public void Bad_json_is_an_error_naming_the_field(string json, string expected)
    {
        var (s, error) = MatchSettingsJson.Parse(json);
        Assert.Null(s);
        Assert.Contains(expected, error);
    }
}
