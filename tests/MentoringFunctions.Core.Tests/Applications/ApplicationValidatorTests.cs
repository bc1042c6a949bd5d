using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Tests.Applications;

public class ApplicationValidatorTests
{
    private static readonly ApplicationRules Cohort = new(["Finance", "Policy"], ["Wales", "North West"], RequireConsent: true);

    private static ApplicationInput Valid(string role = "mentee") => new()
    {
        Role = role, Name = " Ann ", Email = " Ann@Example.ORG ", Organisation = "", YearsInSector = "4", Region = "wales",
        Meeting = "Either", Seeks = ["finance"], Offers = ["POLICY"], Capacity = "", Consent = true,
    };

    [Fact]
    public void Normalises_a_valid_mentee()
    {
        var a = ApplicationValidator.Validate(Valid(), Cohort, "x").Value!;
        Assert.Equal(("Ann", "ann@example.org", "Wales", 0), (a.Name, a.Email, a.Region, a.Capacity));
        Assert.Equal(["Finance"], a.Seeks);
        Assert.Empty(a.Offers);                 // a pure mentee offers nothing, whatever was ticked
    }

    [Fact]
    public void Both_keeps_both_sides_and_blank_capacity_means_one()
    {
        var a = ApplicationValidator.Validate(Valid("BOTH"), Cohort, "x").Value!;
        Assert.Equal(Role.Both, a.Role);
        Assert.Equal(["Policy"], a.Offers);
        Assert.Equal(["Finance"], a.Seeks);
        Assert.Equal(1, a.Capacity);
    }

    [Theory]
    [InlineData("role", "teacher", "'teacher' is not a role")]
    [InlineData("email", "ann@", "is not an e-mail address")]
    [InlineData("email", "a b@example.org", "is not an e-mail address")]
    [InlineData("years_in_sector", "-1", "is not a whole number of years from 0 to 60")]
    [InlineData("years_in_sector", "61", "is not a whole number of years from 0 to 60")]
    [InlineData("years_in_sector", "4.5", "is not a whole number")]
    [InlineData("region", "Mars", "'Mars' is not one of the regions")]
    [InlineData("meeting", "carrier pigeon", "is not a meeting preference")]
    [InlineData("capacity", "6", "from 1 to 5")]
    [InlineData("capacity", "0", "from 1 to 5")]
    public void Names_the_field_and_the_reason(string field, string value, string reason)
    {
        var input = Valid("mentor") with { Offers = ["Finance"] };
        input = field switch
        {
            "role" => input with { Role = value },
            "email" => input with { Email = value },
            "years_in_sector" => input with { YearsInSector = value },
            "region" => input with { Region = value },
            "meeting" => input with { Meeting = value },
            _ => input with { Capacity = value },
        };
        var result = ApplicationValidator.Validate(input, Cohort, "x");
        Assert.False(result.IsValid);
        Assert.Contains(reason, Assert.Single(result.Errors[field]));
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Unknown_topics_missing_topics_and_missing_consent_are_errors()
    {
        var noTopics = ApplicationValidator.Validate(Valid("both") with { Seeks = [], Offers = ["Knitting"], Consent = false }, Cohort, "x");
        Assert.Contains("Choose at least one topic you would like help with.", noTopics.Errors["seeks"]);
        Assert.Contains("'Knitting' is not one of this programme's topics", noTopics.Errors["offers"][0]);
        Assert.True(noTopics.Errors.ContainsKey("consent"));
        Assert.True(ApplicationValidator.Validate(Valid() with { Consent = false }, Cohort with { RequireConsent = false }, "x").IsValid);
    }

    [Fact]
    public void Without_cohort_lists_any_topic_and_region_are_accepted()
    {
        var a = ApplicationValidator.Validate(Valid() with { Seeks = ["Anything"], Region = "Anywhere" }, new ApplicationRules(), "x").Value!;
        Assert.Equal(("Anywhere", "Anything"), (a.Region, a.Seeks[0]));
    }
}
