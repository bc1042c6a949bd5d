using System.Net;
using System.Text;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Reporting;

/// <summary>The dashboard, the impact report and its CSV over HTTP, on one published cohort and its predecessor.</summary>
[Collection(AppCollection.Name)]
public class ReportPagesTests(AppFixture app)
{
    [Fact]
    public async Task Feedback_stores_consent_to_quote()
    {
        var world = await ReportWorld.BuildAsync(app);
        var rows = await app.Table(StorageNames.Feedback).QueryAsync<FeedbackEntity>(f => f.PartitionKey == world.ThisYear).ToListAsync();
        Assert.Equal([(world.Pair.MenteeId, true), (world.Pair.MentorId, false)],
            rows.OrderBy(r => r.PersonId == world.Pair.MenteeId ? 0 : 1).Select(r => (r.PersonId, r.MayQuote)));
    }

    [Fact]
    public async Task The_dashboard_draws_every_chart_as_svg_with_a_table_and_lists_pairs_at_risk()
    {
        var world = await ReportWorld.BuildAsync(app);
        var html = await app.AdminClient().GetStringAsync($"/manage/cohorts/{world.ThisYear}/dashboard");
        foreach (var id in new[] { "bands", "regions", "applications", "matched", "first-meetings", "checkins", "ratings", "hours" })
        {
            Assert.Contains($"aria-labelledby=\"{id}-title {id}-desc\"", html);
            Assert.Contains($"<title id=\"{id}-title\">", html);
        }
        Assert.Equal(8, html.Split("figures as a table").Length - 1);
        Assert.Contains("<h2>Pairs at risk</h2>", html);
        // Two applicants with 8 and 16 years want mentors with 10+ and 18+: more than the two senior mentors can take.
        Assert.Contains("Recruit more senior mentors", html);
        Assert.DoesNotContain("<script", html);
        var cohortPage = await app.AdminClient().GetStringAsync($"/manage/cohorts/{world.ThisYear}");
        Assert.Contains($"href=\"/manage/cohorts/{world.ThisYear}/dashboard\"", cohortPage);
    }

    [Fact]
    public async Task The_report_quotes_only_those_who_agreed_values_hours_and_compares_the_network()
    {
        var world = await ReportWorld.BuildAsync(app);
        var html = await app.AdminClient().GetStringAsync($"/manage/cohorts/{world.ThisYear}/report?rate=40");
        Assert.Contains(WebUtility.HtmlEncode(ReportWorld.Quotable), html);
        Assert.DoesNotContain(WebUtility.HtmlEncode(ReportWorld.Private), html);
        Assert.Contains("<dt>Value of mentoring hours</dt><dd>£60.00</dd>", WebUtility.HtmlDecode(html));   // 1.5 h at 40
        Assert.Contains($"<th scope=\"row\">{world.Stem} 2026</th>", html);
        Assert.Contains($"<th scope=\"row\">{world.Stem} 2027</th>", html);
        Assert.Contains("@media print", html);
        var without = await app.AdminClient().GetStringAsync($"/manage/cohorts/{world.ThisYear}/report");
        Assert.DoesNotContain("Value of mentoring hours", without);
    }

    [Fact]
    public async Task The_csv_has_a_bom_and_every_figure_for_the_cohort_then_its_network()
    {
        var world = await ReportWorld.BuildAsync(app);
        var response = await app.AdminClient().GetAsync($"/manage/cohorts/{world.ThisYear}/report.csv?rate=40");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("cohort,section,figure,value,unit", lines[0]);
        Assert.StartsWith($"{world.Stem} 2027,", lines[1]);
        Assert.Contains($"{world.Stem} 2027,Hours,Value of mentoring hours,60.00,£", lines);
        Assert.Contains($"{world.Stem} 2027,Satisfaction,Would carry on,50%,percent", lines);
        Assert.Contains($"{world.Stem} 2026,Matches,Pairs introduced,0,pairs", lines);
    }

    [Theory]
    [InlineData("report?rate=abc")]
    [InlineData("report?rate=-5")]
    [InlineData("report?rate=12.345")]
    [InlineData("report.csv?rate=1&rate=2")]
    [InlineData("report.csv?rate=10001")]
    public async Task A_bad_rate_is_a_problem_naming_the_field(string path)
    {
        var cohort = await app.CreateCohortAsync();
        var response = await app.AdminClient().GetAsync($"/manage/cohorts/{cohort}/{path}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"rate\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("dashboard")]
    [InlineData("report")]
    [InlineData("report.csv")]
    public async Task Reports_need_the_working_group_and_a_known_cohort(string page)
    {
        var cohort = await app.CreateCohortAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/manage/cohorts/{cohort}/{page}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.AdminClient().GetAsync($"/manage/cohorts/{cohort}/{page}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.AdminClient().GetAsync($"/manage/cohorts/no-such-{cohort}/{page}")).StatusCode);
    }
}
