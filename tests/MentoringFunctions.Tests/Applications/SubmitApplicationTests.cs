using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Applications;

[Collection(AppCollection.Name)]
public class SubmitApplicationTests(AppFixture app)
{
    [Fact]
    public async Task Json_submission_is_stored_and_confirmed_once()
    {
        var cohort = await app.CreateCohortAsync();
        var response = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "Ann@Example.org"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<SubmissionResponse>();
        Assert.Equal((cohort, "received"), (body!.Cohort, body.Status));
        Assert.Contains("check your e-mail", body.Message);
        var stored = Assert.Single(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
        Assert.Equal("ann@example.org", stored.Email);
        Assert.Equal(["Finance", "Policy"], stored.ToApplication().Seeks); // canonical topic spelling
        Assert.Equal("api", stored.Source);
        Assert.NotNull(stored.ConsentedAt);

        var outbox = await app.OutboxAsync(cohort);
        var confirmation = Assert.Single(outbox, e => e.Kind == "application-received");
        Assert.Equal("ann@example.org", confirmation.ToEmail);
        Assert.Contains("Heat Exchanger 2027", confirmation.Subject);
        Assert.Contains("Topics you would like help with: Finance, Policy", confirmation.Text);
        Assert.Contains("https://mentoring.example/apply/" + cohort, confirmation.Html);
        // The working group reads new applications in its weekly digest, not one e-mail each, unless it asks.
        Assert.DoesNotContain(outbox, e => e.Kind == "new-application");
    }

    [Fact]
    public async Task A_working_group_that_asks_for_it_hears_of_each_new_application_once()
    {
        var cohort = await app.CreateCohortAsync(notifyWorkingGroup: true);
        var first = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "bo@example.org"));
        var retry = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "bo@example.org"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, retry.StatusCode));
        var note = Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "new-application");
        Assert.Equal("wg@heat.example", note.ToEmail);
    }

    [Fact]
    public async Task An_identical_retry_of_a_first_submission_gets_the_same_answer_and_sends_nothing_more()
    {
        var cohort = await app.CreateCohortAsync();
        var client = app.Client();
        var first = AppFixture.Mentee(cohort, "bob@example.org", "Bob");
        var created = await client.PostAsJsonAsync("/api/applications", first);
        var outbox = (await app.OutboxAsync(cohort)).Count;

        var retry = await client.PostAsJsonAsync("/api/applications", first);

        Assert.Equal((HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync()),
            (retry.StatusCode, await retry.Content.ReadAsStringAsync()));
        Assert.Equal(outbox, (await app.OutboxAsync(cohort)).Count);
        var stored = Assert.Single(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Invalid_submission_gets_problem_details_per_field_and_stores_nothing()
    {
        var cohort = await app.CreateCohortAsync();
        var response = await app.Client().PostAsJsonAsync("/api/applications", new
        {
            cohort, role = "boss", name = "", email = "not-an-email", years_in_sector = "ten", region = "Atlantis",
            meeting = "telepathy", seeks = new[] { "Knitting" }, capacity = "9", consent = false,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        foreach (var field in new[] { "role", "name", "email", "years_in_sector", "region", "meeting", "consent" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.Contains("'boss' is not a role", errors.GetProperty("role")[0].GetString());
        Assert.Empty(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
        Assert.Empty(await app.OutboxAsync(cohort));
    }

    [Fact]
    public async Task Invalid_update_keeps_what_was_stored()
    {
        var cohort = await app.CreateCohortAsync();
        var client = app.Client();
        await client.PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "keep@example.org", "Keep"));
        var bad = new Dictionary<string, object>((Dictionary<string, object>)AppFixture.Mentee(cohort, "keep@example.org", "")) { ["years_in_sector"] = -1 };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/applications", bad)).StatusCode);
        var stored = Assert.Single(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
        Assert.Equal("Keep", stored.Name);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Closed_or_unknown_cohort_is_refused_with_a_clear_message()
    {
        var closed = await app.CreateCohortAsync("Old cohort", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var response = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(closed, "late@example.org"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Applications are closed", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("closed on 31 December 2026", problem.RootElement.GetProperty("detail").GetString());
        Assert.Empty(await ApplicationRows.Of(app.Azurite.Tables, closed).ToListAsync());

        var unknown = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee("no-such-cohort", "x@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("no programme called 'no-such-cohort'", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_json_gets_a_problem_not_a_stack_trace()
    {
        var response = await app.Client().PostAsync("/api/applications", new StringContent("{\"cohort\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("not valid JSON", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Html_form_post_shows_errors_beside_fields_and_keeps_what_was_typed_then_redirects_on_success()
    {
        var cohort = await app.CreateCohortAsync();
        var client = app.Client();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("cohort", cohort), new("role", "mentor"), new("name", "Cara <b>Bold</b>"), new("email", "cara@example"),
            new("organisation", "Heat Co"), new("years_in_sector", "12"), new("region", "Wales"), new("meeting", "online"),
            new("offers", "Finance"), new("offers", "Policy"), new("capacity", "2"), new("avoid", "rival@example.org\nRival Ltd"),
            new("consent", "yes"),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html);
        Assert.Contains("id=\"email-error\"", html);
        Assert.Contains("value=\"Cara &lt;b&gt;Bold&lt;/b&gt;\"", html);   // kept, and encoded
        Assert.Contains("value=\"Finance\" checked", html);
        Assert.Contains("rival@example.org&#xA;Rival Ltd", html); // one per line, as typed

        fields[3] = new("email", "cara@example.org");
        request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/apply/{cohort}/thanks", response.Headers.Location!.OriginalString);
        var stored = Assert.Single(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
        Assert.Equal(["rival@example.org", "Rival Ltd"], stored.ToApplication().Avoid);
        Assert.Equal("form", stored.Source);
    }
}
