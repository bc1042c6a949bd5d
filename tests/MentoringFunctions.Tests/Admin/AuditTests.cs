using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Admin;
using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;

namespace MentoringFunctions.Tests.Admin;

/// <summary>Every change is in the cohort's audit log, with who, what and whom; the log shows newest first and filters.</summary>
[Collection(AppCollection.Name)]
public class AuditTests(AppFixture app)
{
    private Task<IReadOnlyList<AuditEntry>> EntriesAsync(string cohort, AuditAction? action = null, string? person = null) =>
        app.Factory.Services.GetRequiredService<AuditLog>().ListAsync(cohort, action, person, 1000, default);

    [Fact]
    public async Task Edits_imports_runs_locks_publish_withdraw_and_sign_ins_are_recorded_once_each()
    {
        var member = $"m-{Guid.NewGuid():N}"[..12] + "@wg.example";
        var cohort = await app.CreateCohortAsync(workingGroup: [member]);
        var created = Assert.Single(await EntriesAsync(cohort));
        Assert.Equal((AuditAction.CohortCreated, AdminUser.ApiKey.Email), (created.Action, created.Actor));
        Assert.Contains(member, created.People);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var admin = app.AdminClient();
        var edited = await admin.GetFromJsonAsync<Dictionary<string, object>>($"/api/cohorts/{cohort}");
        edited!["reviewerEmails"] = new[] { "rita@wg.example" };
        (await admin.PutAsJsonAsync($"/api/cohorts/{cohort}", edited)).EnsureSuccessStatusCode();
        var edit = Assert.Single(await EntriesAsync(cohort, AuditAction.CohortEdited));
        Assert.Contains("reviewerEmails", edit.Summary);
        Assert.Equal(["rita@wg.example"], edit.People);

        // The page's import and run buttons, as the organiser signed in.
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Csv)), "file", "spring.csv" } };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/manage/cohorts/{cohort}/import", upload)).StatusCode);
        var import = Assert.Single(await EntriesAsync(cohort, AuditAction.ImportStarted));
        Assert.Equal(AppFixture.OrganiserEmail, import.Actor);
        Assert.Contains("spring.csv", import.Summary);
        var job = import.Summary.Split("(job ")[1].TrimEnd(')');
        Assert.True((await ImportRuns.RunAsync(app.Worker.Services, cohort, job)).Succeeded);

        var start = await admin.PostAsync($"/manage/cohorts/{cohort}/match-runs", new FormUrlEncodedContent([]));
        var first = start.Headers.Location!.ToString().Split('/').Last();
        await ProcessAsync(app, cohort, first);
        var rerun = await admin.PostAsync($"/manage/match-runs/{first}/rerun",
            new FormUrlEncodedContent([new("lock", "b1|e1"), new("exclude", "m1|e3")]));
        var second = rerun.Headers.Location!.ToString().Split('/').Last();
        await ProcessAsync(app, cohort, second);
        var rerunEntry = Assert.Single(await EntriesAsync(cohort, AuditAction.MatchRunRerun));
        Assert.Equal(["lock b1|e1", "exclude m1|e3"], rerunEntry.Pairs);
        Assert.Single(await EntriesAsync(cohort, AuditAction.MatchRunStarted));

        for (var i = 0; i < 2; i++)   // a second press of Publish publishes nothing again, and records nothing again
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/manage/match-runs/{second}/publish",
                new FormUrlEncodedContent([new("confirmed", "yes")]))).StatusCode);
        var published = Assert.Single(await EntriesAsync(cohort, AuditAction.Published));
        Assert.Contains("b1|e1", published.Pairs);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/match-runs/{second}/withdraw", null)).StatusCode);
        Assert.Equal(AdminUser.ApiKey.Email, Assert.Single(await EntriesAsync(cohort, AuditAction.Withdrawn)).Actor);

        var application = (await admin.GetFromJsonAsync<List<Dictionary<string, object>>>($"/api/cohorts/{cohort}/applications"))!
            .First(a => a["email"].ToString() == "eve@ex.org");
        for (var i = 0; i < 2; i++)
            (await admin.PostAsync($"/api/cohorts/{cohort}/applications/{application["id"]}/withdraw", null)).EnsureSuccessStatusCode();
        Assert.Equal(["e1"], Assert.Single(await EntriesAsync(cohort, AuditAction.ApplicationWithdrawn)).People);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.Client().PostAsync("/manage/login", new FormUrlEncodedContent([new("email", member)]));
        var mail = (await app.OutboxAsync(SignInLinks.Partition)).Single(e => e.ToEmail == member);
        var token = mail.Text.Split("?t=")[1].Split('\n')[0].Trim();
        Assert.Equal(HttpStatusCode.Redirect,
            (await app.Client().PostAsync("/manage/login/link", new FormUrlEncodedContent([new("t", token)]))).StatusCode);
        Assert.Equal(member, Assert.Single(await EntriesAsync(cohort, AuditAction.SignedIn)).Actor);

        var all = await EntriesAsync(cohort);
        Assert.Equal(all.OrderByDescending(e => e.At).Select(e => e.At), all.Select(e => e.At));   // newest first
        Assert.Equal(AuditAction.SignedIn, all[0].Action);
        Assert.Equal(AuditAction.CohortCreated, all[^1].Action);
    }

    [Fact]
    public async Task The_page_filters_by_action_and_person_and_no_route_changes_the_log()
    {
        var cohort = await app.CreateCohortAsync(workingGroup: ["wg@heat.example"]);
        var admin = app.AdminClient();
        var edited = await admin.GetFromJsonAsync<Dictionary<string, object>>($"/api/cohorts/{cohort}");
        edited!["reviewerEmails"] = new[] { "rosa@wg.example" };
        (await admin.PutAsJsonAsync($"/api/cohorts/{cohort}", edited)).EnsureSuccessStatusCode();

        var everything = await admin.GetStringAsync($"/manage/cohorts/{cohort}/audit");
        Assert.Contains("CohortCreated", everything);
        Assert.Contains("CohortEdited", everything);
        var edits = await admin.GetStringAsync($"/manage/cohorts/{cohort}/audit?action=CohortEdited");
        Assert.Contains("rosa@wg.example", edits);
        Assert.DoesNotContain("<td>CohortCreated</td>", edits);
        var byPerson = await admin.GetStringAsync($"/manage/cohorts/{cohort}/audit?person=ROSA@");
        Assert.Contains("<td>CohortEdited</td>", byPerson);
        Assert.DoesNotContain("<td>CohortCreated</td>", byPerson);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/manage/cohorts/{cohort}/audit?action=Nonsense&person=%00")).StatusCode);

        var functions = app.Factory.Services.GetRequiredService<FunctionApp>();
        var audit = functions.Http.Where(f => f.Trigger.Route!.Contains("audit", StringComparison.Ordinal)).ToList();
        Assert.Equal(["GET"], audit.SelectMany(f => f.HttpMethods).Select(m => m.ToUpperInvariant()));
    }
}
