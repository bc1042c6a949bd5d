using System.Net;
using Azure.Data.Tables;
using MentoringFunctions.Admin;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MentoringFunctions.Tests.Matching.PairsTestData;

namespace MentoringFunctions.Tests.Admin;

/// <summary>
/// The pages' changes reach the audit log with the signed-in member as actor and ids as the people: ending a match,
/// a feedback action, a cohort edit, an application edit and an erasure, after which the log names the erased nobody.
/// </summary>
[Collection(AppCollection.Name)]
public class AuditCoverageTests(AppFixture app)
{
    private async Task<AuditEntry> OnlyAsync(string cohort, AuditAction action) => Assert.Single(
        await app.Factory.Services.GetRequiredService<AuditLog>().ListAsync(cohort, action, null, 100, default));

    [Fact]
    public async Task Page_changes_are_recorded_with_the_member_and_ids_and_an_erased_person_is_not_named()
    {
        var (cohort, _, matches) = await PublishedAsync(app);
        var eve = matches.Single(m => m.MenteeId == "e1");
        var admin = app.AdminClient();

        for (var i = 0; i < 2; i++)   // a double click ends nothing more, and records nothing more
            (await admin.PostAsync(PairUrl(cohort, eve) + "/end", Form(("reason", "Eve Mentee moved away")))).EnsureSuccessStatusCode();
        var ended = await OnlyAsync(cohort, AuditAction.MatchEnded);
        Assert.Equal(AppFixture.OrganiserEmail, ended.Actor);
        Assert.Equal([$"{eve.MentorId}|e1"], ended.Pairs);
        Assert.Equal(new[] { eve.MentorId, "e1" }.Order(), ended.People.Order());

        await app.Worker.Services.GetRequiredService<ParticipationStore>().SaveFeedbackAsync(cohort, new Feedback("e1",
            "midpoint", eve.RowKey, 2, 3, 2, 1, 1.5, false, true, false, "Help, please", app.Clock.GetUtcNow()), default);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/manage/cohorts/{cohort}/feedback/actions",
            Form(("person", "e1"), ("stage", "midpoint"), ("state", "done"), ("etag", "")))).StatusCode);
        var handled = await OnlyAsync(cohort, AuditAction.FeedbackHandled);
        Assert.Equal((AppFixture.OrganiserEmail, "e1"), (handled.Actor, Assert.Single(handled.People)));
        Assert.Contains("done", handled.Summary);

        var found = (await app.Factory.Services.GetRequiredService<CohortRepository>().GetAsync(cohort, default))!.Value;
        var fields = CohortForm.Fields(found.Cohort with { Name = "Renamed on the page" });
        fields["etag"] = found.ETag.ToString("H");
        Assert.Equal(HttpStatusCode.Redirect,
            (await admin.PostAsync($"/manage/cohorts/{cohort}/edit", new FormUrlEncodedContent(fields))).StatusCode);
        var edited = await OnlyAsync(cohort, AuditAction.CohortEdited);
        Assert.Equal(AppFixture.OrganiserEmail, edited.Actor);
        Assert.Contains("name", edited.Summary);

        var url = $"/manage/cohorts/{cohort}/applications/e1";
        var etag = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await admin.GetStringAsync(url),
            "name=\"etag\" value=\"([^\"]*)\"").Groups[1].Value);
        (await admin.PostAsync(url, Form(("etag", etag), ("role", "mentee"), ("name", "Eve Mentee"),
            ("organisation", "Delta Two"), ("years_in_sector", "3"), ("region", "North West"), ("meeting", "either"),
            ("seeks", "Finance")))).EnsureSuccessStatusCode();
        var application = await OnlyAsync(cohort, AuditAction.ApplicationEdited);
        Assert.Equal((AppFixture.OrganiserEmail, "e1"), (application.Actor, Assert.Single(application.People)));

        (await admin.PostAsync(url + "/erase", Form(("confirm", "yes")))).EnsureSuccessStatusCode();
        var erased = await OnlyAsync(cohort, AuditAction.PersonErased);
        Assert.Equal((AppFixture.OrganiserEmail, "e1"), (erased.Actor, Assert.Single(erased.People)));

        // The log is append-only and never scrubbed, so it must not have held the name or address in the first place.
        var rows = await app.Table(StorageNames.Audit)
            .QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Encode(cohort)).ToListAsync();
        Assert.NotEmpty(rows);
        var text = string.Join("\n", rows.SelectMany(r => r).Select(p => p.Value).Select(v => Convert.ToString(v,
            System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("Eve Mentee", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eve@ex.org", text, StringComparison.OrdinalIgnoreCase);
    }
}
