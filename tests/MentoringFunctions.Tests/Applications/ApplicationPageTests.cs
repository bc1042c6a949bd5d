using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Applications;

/// <summary>Issue 11 item 8 over HTTP: the application page, forms answering on their own URL, the change link, CSV BOMs.</summary>
[Collection(AppCollection.Name)]
public partial class ApplicationPageTests(AppFixture app)
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private const string Csv =
        "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n" +
        "g1,mentee,Lucía García,lucia@ex.org,Calor,2,Wales,online,,Finance;Policy,,rival@ex.org;Old Firm Ltd,Wants help with tariffs\n";

    private static (string Key, string Value)[] Fields(string etag, string name) =>
    [
        ("etag", etag), ("role", "mentee"), ("name", name), ("organisation", "Calor"), ("years_in_sector", "3"),
        ("region", "Wales"), ("meeting", "online"), ("seeks", "Finance"), ("avoid", "rival@ex.org"), ("notes", "Tariffs"),
    ];

    // Pages encode what is not ASCII ("Luc&#xED;a"): read them as a browser shows them.
    private static async Task<string> ReadAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static async Task<string> TextOf(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    // Other tests move the shared clock on: a cohort open around "now", whatever now is.
    private Task<string> OpenCohortAsync()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        return app.CreateCohortAsync(open: today.AddDays(-1), close: today.AddDays(30), programmeStart: today.AddDays(40));
    }

    [GeneratedRegex("name=\"etag\" value=\"([^\"]*)\"")]
    private static partial Regex EtagField();

    [Fact]
    public async Task Application_page_shows_notes_and_avoid_list_and_edits_guarded_by_the_etag()
    {
        var cohort = await app.CreateCohortAsync();
        await app.ImportAsync(cohort, Csv);
        var admin = app.AdminClient();
        var url = $"/manage/cohorts/{cohort}/applications/g1";
        var page = await ReadAsync(admin, url);
        Assert.Contains("Wants help with tariffs", page);
        Assert.Contains("<li>rival@ex.org</li><li>Old Firm Ltd</li>", page);
        var etag = WebUtility.HtmlDecode(EtagField().Match(await admin.GetStringAsync(url)).Groups[1].Value);
        Assert.NotEmpty(etag);

        // An error answers on the form's URL (a POST to it), errors first and focused, what was typed kept; nothing written.
        var invalid = await admin.PostAsync(url, Form(Fields(etag, "")));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var refused = await TextOf(invalid);
        Assert.Contains("id=\"error-summary\" autofocus", refused);
        Assert.Contains("Tariffs", refused);
        Assert.Contains("Lucía García", await ReadAsync(admin, url));

        var saved = await admin.PostAsync(url, Form(Fields(etag, "Lucía García Pérez")));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Saved: version 2.", await TextOf(saved));

        // The same (now stale) form again: someone changed it since, so nothing is written.
        var stale = await admin.PostAsync(url, Form(Fields(etag, "Someone Else")));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var now = await ReadAsync(admin, url);
        Assert.Contains("Lucía García Pérez", now);
        Assert.DoesNotContain("Someone Else", now);
        Assert.Contains("(version 2, from working-group)", now);
    }

    [Fact]
    public async Task Withdraw_asks_first_and_the_cohort_page_lists_withdrawn_applications_with_a_status_filter()
    {
        var cohort = await app.CreateCohortAsync();
        await app.ImportAsync(cohort, Csv);
        var admin = app.AdminClient();
        var url = $"/manage/cohorts/{cohort}/applications/g1/withdraw";
        Assert.Contains("Withdraw Lucía García's application?", await ReadAsync(admin, url));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(url, Form())).StatusCode);
        Assert.Contains(">Active<", await ReadAsync(admin, $"/manage/cohorts/{cohort}/applications/g1"));

        var done = await admin.PostAsync(url, Form(("confirmed", "yes")));
        Assert.Contains("Withdrawn: match runs leave this person out", await TextOf(done));
        var list = await ReadAsync(admin, $"/manage/cohorts/{cohort}");
        Assert.Contains("<strong>Withdrawn</strong>", list);
        Assert.Contains($"href=\"/manage/cohorts/{cohort}/applications/g1\">Lucía García</a>", list);
        Assert.DoesNotContain("Lucía García", await ReadAsync(admin, $"/manage/cohorts/{cohort}?status=active"));
        Assert.Contains("Lucía García", await ReadAsync(admin, $"/manage/cohorts/{cohort}?status=withdrawn"));
    }

    [Fact]
    public async Task The_public_form_answers_errors_on_its_own_url_with_the_summary_focused()
    {
        var cohort = await OpenCohortAsync();
        Assert.Contains($"action=\"/apply/{cohort}\"", await app.Client().GetStringAsync($"/apply/{cohort}"));
        var fields = new[] { ("role", "mentee"), ("name", "Rosa"), ("email", "rosa@nowhere"), ("years_in_sector", "2"),
            ("region", "Wales"), ("meeting", "online"), ("seeks", "Finance"), ("consent", "yes") };
        var refused = await app.Client().PostAsync($"/apply/{cohort}", Form(fields));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("tabindex=\"-1\" id=\"error-summary\" autofocus", html);
        Assert.Contains("value=\"Rosa\"", html);
        Assert.Empty(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());

        fields[2] = ("email", "rosa@retrofit.example");
        var accepted = await app.Client().PostAsync($"/apply/{cohort}", Form(fields));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/apply/{cohort}/thanks", accepted.Headers.Location!.OriginalString);
        Assert.Single(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
    }

    [Fact]
    public async Task Change_your_application_opens_the_form_filled_in_only_from_the_signed_link()
    {
        var cohort = await OpenCohortAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client().PostAsJsonAsync("/api/applications",
            AppFixture.Mentee(cohort, "ann@example.org", "Ann Changeable"))).StatusCode);
        var confirmation = Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "application-received");
        var link = Regex.Match(confirmation.Text, $@"https://mentoring\.example(/apply/{cohort}\?t=[A-Za-z0-9_\-\.]+)").Groups[1].Value;
        Assert.NotEmpty(link);

        var filled = await app.Client().GetStringAsync(link);
        Assert.Contains("value=\"Ann Changeable\"", filled);
        Assert.Contains("value=\"ann@example.org\"", filled);
        Assert.Matches("name=\"seeks\" value=\"Policy\"\\s+checked", filled);
        var tampered = await app.Client().GetStringAsync(link[..^3] + (link[^3..] == "AAA" ? "BBB" : "AAA"));
        Assert.DoesNotContain("Ann Changeable", tampered);
        Assert.DoesNotContain("Ann Changeable", await app.Client().GetStringAsync($"/apply/{cohort}"));
    }

    [Fact]
    public async Task Csv_downloads_start_with_a_utf8_bom_and_import_again()
    {
        var cohort = await app.CreateCohortAsync();
        await app.ImportAsync(cohort, Csv);
        var bytes = await app.AdminClient().GetByteArrayAsync($"/manage/cohorts/{cohort}/applications.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("Lucía García", System.Text.Encoding.UTF8.GetString(bytes));
        var hours = await app.AdminClient().GetByteArrayAsync($"/manage/cohorts/{cohort}/hours.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, hours[..3]);

        // What Excel saves, or our own download, imports as it is.
        var again = await app.AdminClient().PostAsync($"/api/cohorts/{cohort}/applications/import",
            new ByteArrayContent(bytes) { Headers = { { "Content-Type", "text/csv" } } });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }
}
