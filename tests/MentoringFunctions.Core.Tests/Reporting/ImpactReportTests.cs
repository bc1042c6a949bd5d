using MentoringFunctions.Core.Reporting;

namespace MentoringFunctions.Core.Tests.Reporting;

public class ImpactReportTests
{
    private static readonly ImpactFigures Report = ImpactReport.Build(PilotFacts.Build(), hourlyRate: 40m);

    [Fact]
    public void Participation_matches_retention_and_first_meetings()
    {
        Assert.Equal((7, 3, 4, 0, 1), (Report.Applicants, Report.Mentors, Report.Mentees, Report.Both, Report.Withdrawn));
        Assert.Equal((4, 4, 4), (Report.Pairs, Report.MenteesSeeking, Report.MenteesMatched));   // e4 was matched, then ended
        Assert.Equal(2, Report.PairsContinuing);      // e3 asked to end, e4's pair ended
        Assert.Equal(0.5, Report.Retention);
        Assert.Equal(2, Report.FirstMeetings);
    }

    [Fact]
    public void Hours_take_the_larger_of_logged_and_reported_per_mentor_and_are_valued_at_the_rate()
    {
        Assert.Equal(6.5, Report.MentorHours);      // m1: 6 reported > 2.5 logged; m3: 0.5 logged
        Assert.Equal(3, Report.Sessions);
        Assert.Equal(260.00m, Report.HoursValue);
        Assert.Null(ImpactReport.Build(PilotFacts.Build(), null).HoursValue);
    }

    [Fact]
    public void Satisfaction_and_carry_on_use_latest_answers_and_quotes_need_consent()
    {
        Assert.Equal(3, Report.Answers);
        Assert.Equal("3.7", Report.AverageOverallText);       // (4 + 2 + 5) / 3
        Assert.Equal((2, 2), (Report.Satisfied, Report.CarryOnYes));
        Assert.Equal([("A mentee", "Really helpful"), ("A mentor", "Great mentee")], Report.Quotes.Select(q => (q.Who, q.Text)));
    }

    [Fact]
    public void Rows_list_every_figure_for_the_csv_with_the_value_only_when_a_rate_is_given()
    {
        var rows = ImpactReport.Rows(Report, "£");
        Assert.Contains(new ReportFigure("Retention", "Retention", "50%", "percent"), rows);
        Assert.Equal("£260.00", Assert.Single(rows, r => r is { Name: "Value of mentoring hours", Value: "260.00", Unit: "£" }).Shown);
        Assert.Equal("6.5 hours", Assert.Single(rows, r => r.Name == "Mentoring hours").Shown);
        Assert.Contains(new ReportFigure("Satisfaction", "Would carry on", "67%", "percent"), rows);
        Assert.DoesNotContain(ImpactReport.Rows(ImpactReport.Build(PilotFacts.Build(), null), "£"), r => r.Unit == "£");
        var large = ImpactReport.Rows(ImpactReport.Build(PilotFacts.Build(), 1000m), "£").Single(r => r.Name == "Value of mentoring hours");
        Assert.Equal(("6500.00", "£6,500.00"), (large.Value, large.Shown));   // the CSV stays a plain number
    }

    [Fact]
    public void The_same_words_twice_are_quoted_once()
    {
        var facts = PilotFacts.Build();
        var again = facts.Feedback[0] with { Stage = "final", SubmittedAt = facts.Feedback[0].SubmittedAt.AddDays(30) };
        var report = ImpactReport.Build(facts with { Feedback = [.. facts.Feedback, again] }, null);
        Assert.Equal(2, report.Quotes.Count);
    }

    [Theory]
    [InlineData("Heat Exchanger 2027", "heat exchanger")]
    [InlineData("heat  exchanger 2026/27", "heat exchanger")]
    [InlineData("Community Energy Mentoring 2025-26", "community energy mentoring")]
    [InlineData("Retrofit 2030 Network", "retrofit 2030 network")]
    [InlineData("2027", "2027")]
    public void A_network_is_the_name_without_its_trailing_year(string name, string stem) =>
        Assert.Equal(stem, Figures.NetworkStem(name));

    [Fact]
    public void Percentages_round_and_an_empty_whole_is_zero() =>
        Assert.Equal(("67%", "0%"), (Figures.Percent(Figures.Share(2, 3)), Figures.Percent(Figures.Share(0, 0))));
}
