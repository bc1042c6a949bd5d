using MentoringFunctions.Core.Reporting;

namespace MentoringFunctions.Core.Tests.Reporting;

public class DashboardTests
{
    private static readonly DashboardFigures Figures = Dashboard.Build(PilotFacts.Build());

    private static Chart Chart(string id) => Assert.Single(Figures.Charts, c => c.Id == id);

    [Fact]
    public void The_5_to_15_year_gap_shows_as_the_two_middle_bands()
    {
        var bands = Chart("bands");
        Assert.Equal(["0+", "5+", "10+", "15+", "20+"], bands.Categories);
        Assert.Equal([4d, 3, 1, 0, 0], bands.Series[0].Values);        // e1-e4 | e2, e3, e4 | e4 (e5 withdrew)
        Assert.Equal([4d, 1, 0, 0, 0], bands.Series[1].Values);        // places with 2+, 7+, 12+ years: m1+m2+m3(2) | m2 | none
        Assert.True(bands.Highlighted.SetEquals(["5+", "10+"]), string.Join(",", bands.Highlighted));
        Assert.Equal(2, Figures.Gaps.Count);
        Assert.Contains("3 mentees with 5+ years, 1 mentor place with 7+ years", Figures.Gaps[0]);
        Assert.Contains("Short of senior mentors", bands.Description);
    }

    [Fact]
    public void Regions_compare_mentees_with_places_and_flag_the_short_ones()
    {
        var regions = Chart("regions");
        Assert.Equal(["London", "North West", "Wales"], regions.Categories);
        Assert.Equal([2d, 1, 1], regions.Series[0].Values);
        Assert.Equal([1d, 1, 2], regions.Series[1].Values);
        Assert.Equal(["London"], regions.Highlighted);
    }

    [Fact]
    public void Matched_share_and_check_ins_count_live_pairs_only()
    {
        Assert.Equal((4, 3, 0.75), (Figures.MenteesSeeking, Figures.MenteesMatched, Figures.MatchedShare));   // e4's pair ended
        Assert.Equal((3, 2), (Figures.LivePairs, Figures.CheckInsAnswered));
        Assert.Equal([3d, 1], Chart("matched").Series[0].Values);
        Assert.Equal([2d, 1], Chart("checkins").Series[0].Values);
    }

    [Fact]
    public void Timelines_count_by_week_and_hours_by_month()
    {
        var applications = Chart("applications");
        Assert.Equal(["4 Jan", "11 Jan", "18 Jan"], applications.Categories);
        Assert.Equal([6d, 7, 8], applications.Series[0].Values);
        var met = Chart("first-meetings");
        Assert.Equal(7, met.Categories.Count);                          // 1 Feb to 15 Mar
        Assert.Equal([0d, 1, 2, 2, 2, 2, 2], met.Series[0].Values);
        var hours = Chart("hours");
        Assert.Equal(["Feb 2027", "Mar 2027"], hours.Categories);
        Assert.Equal([1.5, 1.5], hours.Series[0].Values);
    }

    [Fact]
    public void Ratings_use_each_persons_latest_answer()
    {
        var ratings = Chart("ratings");
        Assert.Equal([0d, 1, 0, 1, 1], ratings.Series[0].Values);     // e3: 2, e1 (final): 4, m1: 5
        Assert.Equal(["1: 0 0 0", "2: 1 1 1", "3: 0 0 0", "4: 1 1 1", "5: 1 1 1"],
            ratings.Rows.Select(r => $"{r.Category}: {string.Join(' ', r.Values)}"));
    }

    [Fact]
    public void Pairs_at_risk_name_their_reasons()
    {
        Assert.Equal(["m2|e3", "m3|e2"], Figures.AtRisk.Select(p => p.Key));
        Assert.Equal(["Asked to end the match"], Figures.AtRisk[0].Reasons);
        Assert.Equal(["Not met 42 days after the introduction", "No answer to a check-in"], Figures.AtRisk[1].Reasons);
    }
}
