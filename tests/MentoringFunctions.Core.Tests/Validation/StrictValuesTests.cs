using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Core.Validation;

namespace MentoringFunctions.Core.Tests.Validation;

/// <summary>The probe's loose values, each refused by the core validator that owns the value.</summary>
public class StrictValuesTests
{
    private static readonly ApplicationRules Rules = new(["Finance", "Policy"], ["Wales"], RequireConsent: true);

    private static ApplicationInput Valid => new()
    {
        Role = "both", Name = "Ann", Email = "ann@example.org", YearsInSector = "4", Region = "Wales", Meeting = "online",
        Offers = ["Policy"], Seeks = ["Finance"], Capacity = "1", Consent = true, Notes = "Line one\r\nline two\twith a tab",
    };

    [Fact]
    public void The_valid_baseline_passes_with_line_breaks_in_notes()
    {
        Assert.True(ApplicationValidator.Validate(Valid, Rules, "x").IsValid);
    }

    [Theory]
    [InlineData("role", "mentor\0")]
    [InlineData("meeting", "online\0")]
    [InlineData("name", "Ann\u001b[31m")]
    [InlineData("name", "Ann\nBob")]
    [InlineData("email", "ann@example.org\0")]
    [InlineData("organisation", "Org\u0085")]
    [InlineData("region", "Wales\0")]
    [InlineData("notes", "bell \u0007")]
    public void A_control_character_is_refused_in_the_field_that_holds_it(string field, string value)
    {
        var input = field switch
        {
            "role" => Valid with { Role = value }, "meeting" => Valid with { Meeting = value }, "name" => Valid with { Name = value },
            "email" => Valid with { Email = value }, "organisation" => Valid with { Organisation = value },
            "region" => Valid with { Region = value }, "notes" => Valid with { Notes = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var result = ApplicationValidator.Validate(input, Rules, "x");
        Assert.False(result.IsValid);
        Assert.Contains(field, result.Errors.Keys);
    }

    [Fact]
    public void Half_a_million_copies_of_one_topic_are_not_one_topic()
    {
        var result = ApplicationValidator.Validate(Valid with { Offers = Enumerable.Repeat("Policy", 500_000).ToList() }, Rules, "x");
        Assert.Equal(["Choose at most 20 topics."], result.Errors["offers"]);
    }

    [Fact]
    public void A_list_item_with_a_control_character_is_refused()
    {
        Assert.Contains("seeks", ApplicationValidator.Validate(Valid with { Seeks = ["Fin\0ance"] }, Rules, "x").Errors.Keys);
    }

    private static CohortInput Cohort(IReadOnlyList<string> topics) => new()
    {
        Name = "Heat 2027", ApplicationsOpen = new(2027, 1, 1), ApplicationsClose = new(2027, 1, 31), ProgrammeStart = new(2027, 2, 1),
        Midpoint = new(2027, 6, 1), ProgrammeEnd = new(2027, 12, 1), Topics = topics,
    };

    [Fact]
    public void A_topic_holding_the_list_separator_is_refused_so_it_cannot_come_back_as_two()
    {
        var result = CohortValidator.Validate(Cohort(["Finance", "A;B"]));
        Assert.Contains("'A;B' holds ';'", Assert.Single(result.Errors["topics"]));
        Assert.True(CohortValidator.Validate(Cohort(["Finance", "A and B"])).IsValid);
    }

    [Fact]
    public void Topics_are_bounded_in_number_and_length_and_hold_no_control_characters()
    {
        Assert.Contains("topics", CohortValidator.Validate(Cohort([.. Enumerable.Range(0, 51).Select(i => $"t{i}")])).Errors.Keys);
        Assert.Contains("topics", CohortValidator.Validate(Cohort([new string('t', 101)])).Errors.Keys);
        Assert.Contains("topics", CohortValidator.Validate(Cohort(["Fi\0nance"])).Errors.Keys);
        Assert.Contains("name", CohortValidator.Validate(Cohort(["Finance"]) with { Name = "Heat\02027" }).Errors.Keys);
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("Ann@Example.org", "ann@example.org")]
    public void A_lock_of_a_person_with_themselves_is_refused(string mentor, string mentee)
    {
        var errors = MatchSettingsValidator.Validate(MatchSettings.Default with { Locks = [new PairRef(mentor, mentee)] });
        Assert.Contains(errors, e => e.StartsWith("locks[0] pairs", StringComparison.Ordinal));
    }

    private static readonly DateOnly Start = new(2027, 2, 15), End = new(2028, 2, 15), Today = new(2027, 6, 1);

    [Theory]
    [InlineData("0001-01-01", "60", "date")]
    [InlineData("2027-02-14", "60", "date")]      // the day before the programme
    [InlineData("2027-06-02", "60", "date")]      // tomorrow
    [InlineData("2027-03-01", "600", "minutes")]
    [InlineData("2027-03-01", "481", "minutes")]
    [InlineData("2027-03-01", "4", "minutes")]
    [InlineData("2027-03-01", "+60", "minutes")]
    [InlineData("1 March 2027", "60", "date")]
    [InlineData("2027-3-1", "60", "date")]
    public void A_session_is_within_the_programme_not_in_the_future_and_at_most_8_hours(string date, string minutes, string field)
    {
        var result = SessionValidator.Validate(new SessionInput(date, minutes), Start, End, Today);
        Assert.Equal([field], result.Errors.Keys);
    }

    [Fact]
    public void Sessions_on_the_first_day_and_today_and_of_8_hours_are_logged()
    {
        Assert.Equal(new SessionEntry(Start, 480), SessionValidator.Validate(new SessionInput("2027-02-15", "480"), Start, End, Today).Value);
        Assert.True(SessionValidator.Validate(new SessionInput("2027-06-01", "5"), Start, End, Today).IsValid);
        Assert.False(SessionValidator.Validate(new SessionInput("2028-02-16", "60"), Start, End, new(2028, 3, 1)).IsValid);
    }

    [Fact]
    public void Feedback_comments_keep_line_breaks_but_not_other_control_characters()
    {
        FeedbackInput Input(string comments) => new("4", "4", "4", "", "", "yes", false, false, comments);
        Assert.True(FeedbackValidator.Validate(Input("Good.\nVery good.")).IsValid);
        Assert.Contains("comments", FeedbackValidator.Validate(Input("Good\0")).Errors.Keys);
    }

    [Fact]
    public void Text_rules_treat_c0_del_and_c1_as_control_characters()
    {
        Assert.All(new[] { "\0", "\u001f", "\u007f", "\u009f" }, c => Assert.True(TextRules.HasControl("a" + c)));
        Assert.False(TextRules.HasControl("a\r\n\tb", multiline: true));
        Assert.True(TextRules.HasControl("a\nb"));
        Assert.False(TextRules.HasControl("Zoë — naïve ☕"));
    }
}
