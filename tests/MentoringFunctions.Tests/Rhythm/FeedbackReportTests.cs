using System.Net;
using System.Text;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MentoringFunctions.Tests.Matching.PairsTestData;

namespace MentoringFunctions.Tests.Rhythm;

/// <summary>A stage's feedback for the working group: names and partners, actions with a guarded open/done state, a CSV.</summary>
[Collection(AppCollection.Name)]
public class FeedbackReportTests(AppFixture app)
{
    [Fact]
    public async Task The_page_lists_a_stage_with_names_and_partners_and_its_actions_toggle_once_per_version()
    {
        var (cohort, _, matches) = await PublishedAsync(app);
        var eve = matches.Single(m => m.MenteeId == "e1");
        var other = matches.First(m => m.MenteeId != "e1");
        var store = app.Worker.Services.GetRequiredService<ParticipationStore>();
        var at = app.Clock.GetUtcNow();
        await store.SaveFeedbackAsync(cohort, new Feedback("e1", "midpoint", eve.RowKey, 2, 3, 2, 1, 1.5, false, true, false,
            "We have not managed to meet; García can help?", at), default);
        await store.SaveFeedbackAsync(cohort, new Feedback(other.MentorId, "midpoint", other.RowKey, 5, 5, 5, 4, 6.5, true, false,
            false, "Going well", at), default);
        await store.SaveFeedbackAsync(cohort, new Feedback(other.MenteeId, "final", other.RowKey, 4, 4, 4, 8, 9, true, false, false,
            "Final words", at), default);
        var admin = app.AdminClient();

        // Pages encode what people wrote (García as Garc&#xED;a): read them as a browser shows them.
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/manage/cohorts/{cohort}/feedback?stage=midpoint"));
        foreach (var text in new[] { "Eve Mentee", eve.MentorName, other.MentorName, other.MenteeName, "García can help?", "6.5",
                     "Actions (1 open of 1)", "help from the working group", "Mark done (Eve Mentee)" })
            Assert.Contains(text, page);
        Assert.DoesNotContain("Final words", page);
        Assert.Contains("Final words", await admin.GetStringAsync($"/manage/cohorts/{cohort}/feedback?stage=final"));

        // Bad input: a page or problem that says why, and nothing stored.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/manage/cohorts/{cohort}/feedback?stage=autumn")).StatusCode);
        var badCsv = await admin.GetAsync($"/manage/cohorts/{cohort}/feedback.csv?stage=autumn");
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Contains("\"stage\"", await badCsv.Content.ReadAsStringAsync());
        var actions = $"/manage/cohorts/{cohort}/feedback/actions";
        var badState = await admin.PostAsync(actions, Form(("person", "e1"), ("stage", "midpoint"), ("state", "finished"), ("etag", "")));
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        var notAnAction = await admin.PostAsync(actions, Form(("person", other.MentorId), ("stage", "midpoint"), ("state", "done"), ("etag", "")));
        Assert.Equal(HttpStatusCode.BadRequest, notAnAction.StatusCode);
        Assert.Empty(await app.Table("feedbackactions").QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == cohort).ToListAsync());

        var done = await admin.PostAsync(actions, Form(("person", "e1"), ("stage", "midpoint"), ("state", "done"), ("etag", "")));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        page = await admin.GetStringAsync($"/manage/cohorts/{cohort}/feedback?stage=midpoint");
        Assert.Contains("Actions (0 open of 1)", page);
        Assert.Contains("Reopen (Eve Mentee)", page);

        // A second member's page still showed it open (no ETag): refused, and the state stays done.
        var stale = await admin.PostAsync(actions, Form(("person", "e1"), ("stage", "midpoint"), ("state", "open"), ("etag", "")));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Actions (0 open of 1)", await stale.Content.ReadAsStringAsync());
        var etag = System.Text.RegularExpressions.Regex.Match(page, "name=\"etag\" value=\"([^\"]+)\"").Groups[1].Value;
        var reopened = await admin.PostAsync(actions, Form(("person", "e1"), ("stage", "midpoint"), ("state", "open"),
            ("etag", WebUtility.HtmlDecode(etag))));
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Contains("Actions (1 open of 1)", await admin.GetStringAsync($"/manage/cohorts/{cohort}/feedback?stage=midpoint"));
    }

    [Fact]
    public async Task The_csv_has_the_same_rows_in_utf8_with_a_byte_order_mark()
    {
        var (cohort, _, matches) = await PublishedAsync(app);
        var eve = matches.Single(m => m.MenteeId == "e1");
        var at = app.Clock.GetUtcNow();   // the shared clock: other tests move it
        await app.Worker.Services.GetRequiredService<ParticipationStore>().SaveFeedbackAsync(cohort, new Feedback("e1", "midpoint",
            eve.RowKey, 2, 3, 2, 1, 1.5, false, false, true, "=SUM(1) García", at), default);
        var response = await app.AdminClient().GetAsync($"/manage/cohorts/{cohort}/feedback.csv?stage=midpoint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).TrimEnd().Split("\r\n");
        Assert.Equal("stage,person_id,name,role,partner,overall,usefulness,relationship,meetings_held,hours_spent,carry_on," +
            "wants_help,wants_to_end,comments,submitted_at,action", lines[0]);
        Assert.Equal($"midpoint,e1,Eve Mentee,mentee,{eve.MentorName},2,3,2,1,1.5,no,no,yes,'=SUM(1) García,{at:yyyy-MM-dd HH:mm},open", lines[1]);
        Assert.Equal(2, lines.Length);
    }
}
