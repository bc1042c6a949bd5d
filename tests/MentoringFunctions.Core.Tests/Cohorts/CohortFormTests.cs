using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Core.Tests.Cohorts;

/// <summary>The cohort form's text fields: read, validated, and filled from a cohort (this year's or next year's).</summary>
public class CohortFormTests
{
    private static Cohort Sample() => new("heat-exchanger-2027", "Heat Exchanger 2027", "Europe/Paris", new(2026, 11, 1),
        new(2026, 12, 31), new(2027, 1, 15), new(2027, 6, 15), new(2027, 12, 15), ["Finance", "Policy"], ["Wales", "London"],
        ["wg@example.org"], true)
    {
        ReviewerEmails = ["reader@example.org"],
        Rhythm = new Core.Rhythm.RhythmSettings
        {
            FirstMeetingNudgeDays = 10, DigestDay = DayOfWeek.Friday,
            Lunch = new Core.Rhythm.LunchSchedule { Nth = -1, Weekday = DayOfWeek.Thursday, JoinUrl = "https://meet.example.org/x" },
        },
        Matching = MatchSettings.Default with
        {
            Rules = new MatchRules { RequireSharedTopic = true, MinYearsGap = 4, MaxMenteesPerMentor = 2, RespectAvoidLists = false },
            Weights = new FitWeights { Topics = 70 }, BothPriority = BothPriority.Equal,
        },
    };

    [Fact]
    public void A_form_filled_from_a_cohort_reads_back_as_the_same_cohort()
    {
        var validated = CohortForm.Validate(CohortForm.Fields(Sample()));
        Assert.True(validated.IsValid, string.Join(" ", validated.Errors.SelectMany(e => e.Value)));
        var c = validated.Value!;
        Assert.Equal(Sample() with { Topics = [], Regions = [], WorkingGroupEmails = [], ReviewerEmails = [] },
            c with { Topics = [], Regions = [], WorkingGroupEmails = [], ReviewerEmails = [] });
        Assert.Equal(Sample().ReviewerEmails, c.ReviewerEmails);
        Assert.Equal(["Finance", "Policy"], c.Topics);
        Assert.Equal(["Wales", "London"], c.Regions);
        Assert.Equal(["wg@example.org"], c.WorkingGroupEmails);
        Assert.True(c.Matching.Rules.RequireSharedTopic);
        Assert.Equal(2, c.Matching.Rules.MaxMenteesPerMentor);
    }

    [Fact]
    public void Unticked_boxes_are_false_and_lines_are_trimmed_with_blank_lines_dropped()
    {
        var fields = CohortForm.Fields(Sample());
        fields["matching.rules.requireSharedTopic"] = "";
        fields.Remove("notifyWorkingGroup");
        fields["topics"] = "  Finance \r\n\r\nHeat network design\n";
        fields["regions"] = "";
        var c = CohortForm.Validate(fields).Value!;
        Assert.False(c.Matching.Rules.RequireSharedTopic);
        Assert.False(c.NotifyWorkingGroup);
        Assert.Equal(["Finance", "Heat network design"], c.Topics);
        Assert.Equal(Cohort.UkRegions, c.Regions);   // empty means the UK regions
    }

    [Fact]
    public void Text_that_is_not_a_date_number_time_or_choice_is_named_per_field_and_no_cohort_is_made()
    {
        var fields = CohortForm.Fields(Sample());
        fields["programmeStart"] = "15/01/2027";
        fields["rhythm.catchUpDays"] = "seven";
        fields["rhythm.lunch.start"] = "noon";
        fields["rhythm.digestDay"] = "3";
        fields["matching.bothPriority"] = "whoever";
        var validated = CohortForm.Validate(fields);
        Assert.False(validated.IsValid);
        Assert.Null(validated.Value);
        Assert.Equal("'15/01/2027' is not a date: use yyyy-MM-dd.", Assert.Single(validated.Errors["programmeStart"]));
        Assert.Equal("'seven' is not a whole number.", Assert.Single(validated.Errors["rhythm.catchUpDays"]));
        Assert.Contains("is not a time", Assert.Single(validated.Errors["rhythm.lunch.start"]));
        Assert.Contains("Choose one of", Assert.Single(validated.Errors["rhythm.digestDay"]));
        Assert.Contains("Choose one of", Assert.Single(validated.Errors["matching.bothPriority"]));
    }

    [Fact]
    public void The_validators_rules_land_on_their_fields_including_matching_settings()
    {
        var fields = CohortForm.Fields(Sample());
        fields["name"] = "";
        fields["applicationsClose"] = "2026-10-01";
        fields["rhythm.lunch.joinUrl"] = "not a link";
        fields["matching.rules.minYearsGap"] = "99";
        fields["matching.idealGap.minYears"] = "12";
        fields["topics"] = "Finance;Policy";
        var errors = CohortForm.Validate(fields).Errors;
        Assert.Contains("name", errors.Keys);
        Assert.Equal("Applications must close on or after they open.", Assert.Single(errors["applicationsClose"]));
        Assert.Contains("is not a web address", Assert.Single(errors["rhythm.lunch.joinUrl"]));
        Assert.Contains("rules.minYearsGap must be 0-60", Assert.Single(errors["matching.rules.minYearsGap"]));
        Assert.Contains("must not exceed idealGap.maxYears", Assert.Single(errors["matching.idealGap.minYears"]));
        Assert.Contains("holds ';'", Assert.Single(errors["topics"]));
    }

    [Fact]
    public void Next_year_keeps_the_settings_moves_dates_and_years_on_and_leaves_the_id_and_working_group_empty()
    {
        var fields = CohortForm.NextYear(Sample());
        Assert.Equal("", fields["id"]);
        Assert.Equal("Heat Exchanger 2028", fields["name"]);
        Assert.Equal("", fields["workingGroupEmails"]);
        Assert.Equal(("2027-11-01", "2028-01-15", "2028-12-15"),
            (fields["applicationsOpen"], fields["programmeStart"], fields["programmeEnd"]));
        var c = CohortForm.Validate(fields).Value!;
        Assert.Equal("heat-exchanger-2028", c.Id);
        Assert.Equal(Sample().Matching, c.Matching);
        Assert.Equal(Sample().Rhythm, c.Rhythm);
        Assert.Equal(["Finance", "Policy"], c.Topics);
        Assert.Equal("Europe/Paris", c.TimeZone);
    }

    [Fact]
    public void Unknown_values_count_the_rows_using_each_as_the_import_would_reject_them()
    {
        const string csv = """
            id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes
            ,mentee,A,a@x.org,,1,Wales,online,,finance;Hydrogen,,,
            ,mentee,B,b@x.org,,1,Cornwall,online,,hydrogen,,,
            ,mentor,C,c@x.org,,20,wales,online,Policy;Heat pumps,Ignored topic,2,,
            ,mentee,D,d@x.org,,1,London,online,Only offered,Policy,,,
            """;
        var file = ApplicationCsv.Read(new StringReader(csv));
        var unknown = UnknownValues.Find(file, ["Finance", "Policy"], ["Wales", "London"]);
        Assert.Equal([new UnknownValue("Hydrogen", 2), new UnknownValue("Heat pumps", 1)], unknown.Topics);
        Assert.Equal([new UnknownValue("Cornwall", 1)], unknown.Regions);
        Assert.Equal(3, unknown.RowsAffected);
        Assert.True(UnknownValues.Find(file, ["finance", "policy", "hydrogen", "heat pumps"], ["Wales", "London", "Cornwall"]).IsEmpty);
    }
}
