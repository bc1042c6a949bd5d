using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Cohorts;

/// <summary>The working group sets up, edits and copies a cohort from its pages, over HTTP.</summary>
[Collection(AppCollection.Name)]
public partial class CohortPagesTests(AppFixture app)
{
    private static Dictionary<string, string> Form(string id, string name = "Heat Exchanger 2027") => CohortForm.Fields(
        new Cohort(id, name, "Europe/London", new(2027, 1, 1), new(2027, 1, 31), new(2027, 2, 15), new(2027, 8, 15),
            new(2028, 2, 15), ["Finance", "Policy", "Heat network design"], Cohort.UkRegions, ["wg@heat.example"], false));

    private static string NewId() => "p-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<int> StoredAsync(string id) =>
        (await app.Table(StorageNames.Cohorts).QueryAsync<TableEntity>(e => e.RowKey == id).ToListAsync()).Count;

    private async Task<Cohort> GetAsync(string id) =>
        (await app.AdminClient().GetFromJsonAsync<Cohort>($"/api/cohorts/{id}", ImportRuns.Json))!;

    [Fact]
    public async Task A_cohort_created_on_the_form_is_stored_with_its_settings_and_opens_its_page()
    {
        var id = NewId();
        var form = Form(id);
        form["matching.rules.requireSharedTopic"] = CohortForm.On;
        form["rhythm.lunch.joinUrl"] = "https://meet.example.org/lunch";
        var response = await app.AdminClient().PostAsync("/manage/new-cohort", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/manage/cohorts/{id}", response.Headers.Location!.ToString());
        var stored = await GetAsync(id);
        Assert.True(stored.Matching.Rules.RequireSharedTopic);
        Assert.Equal("https://meet.example.org/lunch", stored.Rhythm.Lunch.JoinUrl);
        Assert.Equal(["Finance", "Policy", "Heat network design"], stored.Topics);
        var page = await app.AdminClient().GetStringAsync($"/manage/cohorts/{id}");
        Assert.Contains($"href=\"/manage/cohorts/{id}/edit\"", page);
        Assert.Contains("Start next year's cohort from this one</button>", page);
        Assert.Contains("href=\"/manage/new-cohort\"", await app.AdminClient().GetStringAsync("/manage"));
    }

    [Fact]
    public async Task A_form_with_errors_comes_back_with_a_focused_summary_and_field_messages_and_stores_nothing()
    {
        var id = NewId();
        var form = Form(id);
        form["name"] = "";
        form["programmeStart"] = "next spring";
        form["matching.rules.minYearsGap"] = "99";
        var response = await app.AdminClient().PostAsync("/manage/new-cohort", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: New cohort", html);
        Assert.Matches(SummaryRegex(), html);
        Assert.Contains("href=\"#f-programmeStart\"", html);
        Assert.Contains("&#x27;next spring&#x27; is not a date", html);
        Assert.Contains("id=\"f-matching-rules-minYearsGap-error\"", html);
        Assert.Contains("value=\"next spring\"", html);   // what was typed comes back
        Assert.Contains("action=\"/manage/new-cohort\"", html);
        Assert.Equal(0, await StoredAsync(id));
    }

    [Fact]
    public async Task A_second_cohort_with_the_same_short_name_is_refused_on_the_form()
    {
        var id = NewId();
        Assert.Equal(HttpStatusCode.Redirect,
            (await app.AdminClient().PostAsync("/manage/new-cohort", new FormUrlEncodedContent(Form(id)))).StatusCode);
        var again = await app.AdminClient().PostAsync("/manage/new-cohort", new FormUrlEncodedContent(Form(id, "Another")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already exists", await again.Content.ReadAsStringAsync());
        Assert.Equal("Heat Exchanger 2027", (await GetAsync(id)).Name);
    }

    [Fact]
    public async Task Editing_saves_over_the_version_the_form_was_opened_on_and_a_concurrent_edit_is_not_lost()
    {
        var id = await app.CreateCohortAsync();
        var admin = app.AdminClient();
        var first = await admin.GetStringAsync($"/manage/cohorts/{id}/edit");
        var second = await admin.GetStringAsync($"/manage/cohorts/{id}/edit");
        var etag = WebUtility.HtmlDecode(EtagRegex().Match(first).Groups[1].Value);
        Assert.NotEmpty(etag);
        Assert.Contains("value=\"Heat Exchanger 2027\"", first);

        var mine = Form(id, "Renamed by Ann");
        mine["etag"] = etag;
        var saved = await admin.PostAsync($"/manage/cohorts/{id}/edit", new FormUrlEncodedContent(mine));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Renamed by Ann", (await GetAsync(id)).Name);

        // Bob opened the form before Ann saved: his save is refused, and pressing Save again is refused too.
        var theirs = Form(id, "Renamed by Bob");
        theirs["etag"] = WebUtility.HtmlDecode(EtagRegex().Match(second).Groups[1].Value);
        for (var press = 0; press < 2; press++)
        {
            var refused = await admin.PostAsync($"/manage/cohorts/{id}/edit", new FormUrlEncodedContent(theirs));
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Someone else changed this cohort after you opened this form", html);
            Assert.Contains("value=\"Renamed by Bob\"", html);   // his typing is still on the page
            theirs["etag"] = WebUtility.HtmlDecode(EtagRegex().Match(html).Groups[1].Value);
        }
        Assert.Equal("Renamed by Ann", (await GetAsync(id)).Name);

        var noEtag = Form(id, "No version");
        Assert.Equal(HttpStatusCode.Conflict,
            (await admin.PostAsync($"/manage/cohorts/{id}/edit", new FormUrlEncodedContent(noEtag))).StatusCode);
        Assert.Equal("Renamed by Ann", (await GetAsync(id)).Name);
    }

    [Fact]
    public async Task Next_years_form_is_prefilled_from_the_cohort_and_creates_a_new_cohort_without_applications()
    {
        var id = await app.CreateCohortAsync(name: "Heat Exchanger 2027");
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(id, "ann@example.org"));
        var admin = app.AdminClient();
        var page = await admin.GetAsync($"/manage/new-cohort?from={id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Heat Exchanger 2028\"", html);
        Assert.Contains("value=\"2028-01-01\"", html);   // applications open a year on
        Assert.Contains("Heat network design</textarea>", html);
        Assert.Contains("Enter the new working group", html);
        Assert.DoesNotContain("wg@heat.example", html);

        var form = CohortForm.NextYear(await GetAsync(id));
        form["id"] = NewId();
        form["workingGroupEmails"] = "new-group@heat.example";
        Assert.Equal(HttpStatusCode.Redirect,
            (await admin.PostAsync("/manage/new-cohort", new FormUrlEncodedContent(form))).StatusCode);
        var copy = await GetAsync(form["id"]);
        Assert.Equal(("Heat Exchanger 2028", new DateOnly(2028, 2, 15)), (copy.Name, copy.ProgrammeStart));
        Assert.Equal(["new-group@heat.example"], copy.WorkingGroupEmails);
        Assert.Empty(await ApplicationRows.Of(app.Azurite.Tables, copy.Id).ToListAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/manage/new-cohort?from=no-such-cohort")).StatusCode);
    }

    [Fact]
    public async Task A_match_run_starts_from_the_cohorts_own_settings_unless_the_request_brings_some()
    {
        var id = NewId();
        var form = Form(id);
        form["matching.rules.requireSharedTopic"] = CohortForm.On;
        form["matching.rules.minYearsGap"] = "4";
        await app.AdminClient().PostAsync("/manage/new-cohort", new FormUrlEncodedContent(form));

        var run = await Matching.MatchRunTestData.StartAsync(app, id);
        var rules = run.Settings.GetProperty("rules");
        Assert.True(rules.GetProperty("requireSharedTopic").GetBoolean());
        Assert.Equal(4, rules.GetProperty("minYearsGap").GetInt32());
        var own = await Matching.MatchRunTestData.StartAsync(app, id, new { settings = new { rules = new { minYearsGap = 1 } } });
        Assert.False(own.Settings.GetProperty("rules").GetProperty("requireSharedTopic").GetBoolean());
        Assert.Equal(1, own.Settings.GetProperty("rules").GetProperty("minYearsGap").GetInt32());
    }

    [Fact]
    public async Task The_form_pages_need_the_working_groups_sign_in()
    {
        var id = NewId();
        var response = await app.Client().PostAsync("/manage/new-cohort", new FormUrlEncodedContent(Form(id)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await StoredAsync(id));
    }

    [GeneratedRegex("<div class=\"summary\" role=\"alert\"[^>]*id=\"error-summary\" autofocus>")]
    private static partial Regex SummaryRegex();

    [GeneratedRegex("name=\"etag\" value=\"([^\"]+)\"")]
    private static partial Regex EtagRegex();
}
