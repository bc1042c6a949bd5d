using MentoringFunctions.Tests.Infrastructure;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;

namespace MentoringFunctions.Tests.Admin;

/// <summary>The pages render records (runs, outbox e-mails) exactly as they rendered the stored entities.</summary>
[Collection(AppCollection.Name)]
public class AdminRecordsTests(AppFixture app)
{
    [Fact]
    public async Task Cohort_page_lists_its_runs_and_the_run_page_and_outbox_show_them()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        Assert.True((await ProcessAsync(app, cohort, run.Id)).Succeeded);
        var done = await GetAsync(app, run.Id);
        var admin = app.AdminClient();

        var page = await admin.GetStringAsync($"/manage/cohorts/{cohort}");
        Assert.Contains($"<td><a href=\"/manage/match-runs/{run.Id}\">{run.Id}</a></td><td>Completed</td>" +
            $"<td>{done.Pairs}</td><td>{done.Unmatched}</td><td>{done.TotalFit}</td>", page);

        var review = await admin.GetStringAsync($"/manage/match-runs/{run.Id}");
        Assert.Contains($"<h1>Match run {run.Id}</h1>", review);
        Assert.Contains($"action=\"/manage/match-runs/{run.Id}/publish\"", review);
        Assert.Contains($"href=\"/manage/match-runs/{run.Id}/pairs.csv\"", review);

        var outbox = await admin.GetStringAsync("/manage/outbox");
        Assert.Contains("<td>match-run-finished</td>", outbox);
        Assert.Matches("<td>(Pending|Sent)(<br>|</td>)", outbox);
    }
}
