using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Cohorts;

[Collection(AppCollection.Name)]
public class CohortApiTests(AppFixture app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static object Body(string id, string name = "Community Energy Mentors 2027") => new
    {
        id, name, timeZone = "Europe/London",
        applicationsOpen = "2027-01-01", applicationsClose = "2027-02-01", programmeStart = "2027-03-01",
        midpoint = "2027-09-01", programmeEnd = "2028-03-01", topics = new[] { "Community shares", "Grid connections" },
    };

    [Fact]
    public async Task Without_the_admin_key_nothing_is_revealed()
    {
        foreach (var (method, path) in new[] { ("GET", "/api/cohorts"), ("POST", "/api/cohorts"), ("GET", "/api/cohorts/x/applications"), ("GET", "/api/cohorts/x/applications.csv") })
        {
            var response = await app.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("cohort", (await response.Content.ReadAsStringAsync()).ToLowerInvariant().Replace("\"title\"", ""));
        }
        var wrong = app.Client();
        wrong.DefaultRequestHeaders.Add("X-Admin-Key", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/cohorts")).StatusCode);
    }

    [Fact]
    public async Task Create_read_list_update_and_conflicts()
    {
        var admin = app.AdminClient();
        var id = "ce-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/cohorts", Body(id));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/cohorts", Body(id))).StatusCode);

        var get = await admin.GetAsync($"/api/cohorts/{id}");
        var etag = get.Headers.ETag!.ToString();
        var cohort = await get.Content.ReadFromJsonAsync<Cohort>(Json);
        Assert.Equal(Cohort.UkRegions, cohort!.Regions);   // default regions
        Assert.Contains(await admin.GetFromJsonAsync<List<Cohort>>("/api/cohorts", Json) ?? [], c => c.Id == id);

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/cohorts/{id}") { Content = JsonContent.Create(Body(id, "Renamed")) };
        update.Headers.IfMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(update)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/cohorts/{id}") { Content = JsonContent.Create(Body(id, "Lost update")) };
        stale.Headers.IfMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale)).StatusCode);
        Assert.Equal("Renamed", (await admin.GetFromJsonAsync<Cohort>($"/api/cohorts/{id}", Json))!.Name);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/cohorts/nope-nope")).StatusCode);
    }

    [Fact]
    public async Task Invalid_cohort_names_each_field()
    {
        var response = await app.AdminClient().PostAsJsonAsync("/api/cohorts", new
        {
            name = "", timeZone = "Mars/Olympus", applicationsOpen = "2027-02-01", applicationsClose = "2027-01-01",
            programmeStart = "2027-03-01", midpoint = "2027-04-01", programmeEnd = "2027-05-01", topics = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "name", "timeZone", "applicationsClose", "topics" })
            Assert.True(errors.TryGetProperty(field, out _), field);

        var badDate = await app.AdminClient().PostAsync("/api/cohorts",
            new StringContent("{\"name\":\"x\",\"midpoint\":\"next tuesday\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.True(JsonDocument.Parse(await badDate.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("midpoint", out _));
    }
}
