using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Fuzz;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Security;

/// <summary>
/// The probe's findings one by one over HTTP: each got a 500 or was accepted; each is now a 4xx that
/// names the field (a problem, or a page for a browser form) and leaves every table as it was.
/// </summary>
[Collection(AppCollection.Name)]
public class StrictInputTests(AppFixture app)
{
    private async Task<(HttpStatusCode Status, string Body)> RefusedAsync(HttpClient client, HttpRequestMessage request)
    {
        var before = await TableSnapshot.TakeAsync(app.Azurite.Tables);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Empty(TableSnapshot.Diff(before, await TableSnapshot.TakeAsync(app.Azurite.Tables)));
        return (response.StatusCode, body);
    }

    private static HttpRequestMessage Post(string path, HttpContent? content) => new(HttpMethod.Post, path) { Content = content };

    private static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static string Application(string cohort, string field, string valueJson)
    {
        // Spliced in as text: a lone surrogate cannot pass through a serializer, only through a body.
        var body = new Dictionary<string, object?>(SpecificCases.Application(cohort)) { [field] = "__RAW__" };
        return JsonSerializer.Serialize(body).Replace("\"__RAW__\"", valueJson);
    }

    [Theory]
    [InlineData("email", "[\"a@b.org\"]")]
    [InlineData("role", "[\"mentor\"]")]
    [InlineData("role", "\"mentor\\u0000\"")]
    [InlineData("meeting", "[\"online\"]")]
    [InlineData("meeting", "\"online\\u0000\"")]
    [InlineData("name", "\"\\ud800\"")]
    public async Task Loose_application_fields_are_refused_naming_the_field(string field, string value)
    {
        var cohort = await app.CreateCohortAsync();
        var (status, body) = await RefusedAsync(app.Client(), Post("/api/applications", Json(Application(cohort, field, value))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(value.Contains("ud800") ? "\"$\"" : $"\"{field}\"", body);
    }

    [Fact]
    public async Task Invalid_utf8_and_a_5_MB_body_with_500000_offers_are_refused()
    {
        var cohort = await app.CreateCohortAsync();
        var bytes = Encoding.UTF8.GetBytes(Application(cohort, "name", "\"X\"")).Select(b => b == (byte)'X' ? (byte)0xFF : b).ToArray();
        var utf8 = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } };
        Assert.Contains("not valid UTF-8", (await RefusedAsync(app.Client(), Post("/api/applications", utf8))).Body);
        var huge = $"{{\"cohort\":\"{cohort}\",\"offers\":[{string.Join(",", Enumerable.Repeat("\"Finance\"", 500_000))}]}}";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await RefusedAsync(app.Client(), Post("/api/applications", Json(huge)))).Status);
    }

    [Fact]
    public async Task Broken_multipart_and_oversized_forms_get_a_problem_or_the_page_with_the_reason()
    {
        var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", Encoding.UTF8);
        broken.Headers.ContentType = new("multipart/form-data") { Parameters = { new("boundary", "xyz") } };
        Assert.Contains("could not be read", (await RefusedAsync(app.Client(), Post("/api/applications", broken))).Body);
        var many = new FormUrlEncodedContent(Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>($"f{i}", "1")));
        var browser = Post("/api/applications", many);
        browser.Headers.Accept.ParseAdd("text/html");
        var (status, page) = await RefusedAsync(app.Client(), browser);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("We could not read the form", page);
    }

    [Theory]
    [InlineData("/manage/login", HttpStatusCode.BadRequest)]
    [InlineData("/p/checkin", HttpStatusCode.BadRequest)]
    [InlineData("/p/hours", HttpStatusCode.BadRequest)]
    public async Task Json_or_empty_bodies_on_the_pages_forms_get_a_page(string path, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await RefusedAsync(app.Client(), Post(path, Json("{\"key\":1}")))).Status);
        Assert.Equal(expected, (await RefusedAsync(app.Client(), Post(path, null))).Status);
    }

    [Theory]
    [InlineData("topics", "[null]", "topics[0]")]
    [InlineData("topics", "[\"A;B\"]", "topics")]
    [InlineData("name", "\"LONG\"", "name")]
    [InlineData("name", "\"\\ud800\"", "$")]
    public async Task Cohort_fields_over_the_property_limit_or_with_nulls_or_separators_are_refused(string key, string value, string field)
    {
        var cohort = new Dictionary<string, object>
        {
            ["name"] = "X", ["applicationsOpen"] = "2027-01-01", ["applicationsClose"] = "2027-01-31", ["programmeStart"] = "2027-02-15",
            ["midpoint"] = "2027-08-15", ["programmeEnd"] = "2028-02-15", ["topics"] = new[] { "Finance" }, [key] = "__RAW__",
        };
        var json = JsonSerializer.Serialize(cohort).Replace("\"__RAW__\"", value.Replace("LONG", new string('n', 70_000)));
        var (_, body) = await RefusedAsync(app.AdminClient(), Post("/api/cohorts", Json(json)));
        Assert.Contains($"\"{field}\"", body);
    }

    [Theory]
    [InlineData("[]", "$")]
    [InlineData("\"x\"", "$")]
    [InlineData("{\"locks\":[null]}", "locks[0]")]
    [InlineData("{\"locks\":[{\"mentor\":\"m1\",\"mentee\":\"m1\"}]}", "locks")]
    [InlineData("{\"locks\":[{\"mentor\":\"m1\",\"mentee\":\"MINA@ex.org\"}]}", "locks")]
    public async Task Match_run_requests_of_the_wrong_shape_or_pairing_a_person_with_themselves_are_refused(string json, string field)
    {
        var cohort = await MatchRunTestData.CohortWithApplicantsAsync(app);
        var (status, body) = await RefusedAsync(app.AdminClient(), Post($"/api/cohorts/{cohort}/match-runs", Json(json)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"\"{field}\"", body);
    }

    [Fact]
    public async Task An_unknown_cohorts_match_runs_are_not_found_and_an_empty_rerun_is_refused()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.AdminClient().GetAsync("/api/cohorts/no-such-cohort/match-runs")).StatusCode);
        var cohort = await MatchRunTestData.CohortWithApplicantsAsync(app);
        var run = await MatchRunTestData.StartAsync(app, cohort);
        var (status, page) = await RefusedAsync(app.AdminClient(), Post($"/manage/match-runs/{run.Id}/rerun", null));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Re-run button", page);
    }

    [Theory]
    [InlineData("{\"Cohort\":\"c\",\"Person\":\"p\",\"Expires\":4102444800}", "/p/checkin")]
    [InlineData("{\"Cohort\":\"c\",\"Person\":\"p\",\"Purpose\":\"feedback:nope\",\"Expires\":4102444800}", "/p/feedback")]
    [InlineData("{\"Cohort\":\"c\",\"Person\":\"p\",\"Purpose\":\"hoursx\",\"Expires\":4102444800}", "/p/hours")]
    public async Task A_signed_link_without_a_purpose_or_with_an_unknown_one_is_not_valid(string claim, string path)
    {
        var token = Malformations.Signed("test-links-secret", claim);
        var response = await app.Client().GetAsync($"{path}?t={token}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0001-01-01", "60", "Enter a date from")]
    [InlineData("2027-01-05", "600", "from 5 to 480")]
    public async Task Hours_are_logged_only_within_the_programme_and_for_at_most_8_hours(string date, string minutes, string reason)
    {
        var cohort = await app.CreateCohortAsync(open: new(2026, 10, 1), close: new(2026, 11, 30), programmeStart: new(2026, 12, 1));
        var token = app.Factory.Services.GetRequiredService<LinkTokens>().Issue(cohort, "m1", null, "hours", TimeSpan.FromDays(1));
        var form = new FormUrlEncodedContent([new("t", token), new("date", date), new("minutes", minutes)]);
        var (status, page) = await RefusedAsync(app.Client(), Post("/p/hours", form));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, page);
    }
}
