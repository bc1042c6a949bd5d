using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using MentoringFunctions.Admin;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Imports;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Imports;

/// <summary>
/// A pilot-sized file (63 rows, 59 of them using topics or a region the cohort lacks) uploaded on the cohort page:
/// nothing is stored until the working group adds the values, then every row imports.
/// </summary>
[Collection(AppCollection.Name)]
public partial class ImportConfirmTests(AppFixture app)
{
    private const string Header = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n";
    private static readonly string[] NewTopics = ["Career development", "Heat pump design", "Metering and billing"];

    /// <summary>21 mentors and 42 mentees; rows 0-3 use only the cohort's topics, five rows are on the Isle of Man.</summary>
    public static string PilotCsv()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 63; i++)
        {
            var topics = i < 4 ? "Finance" : $"{NewTopics[i % 3]};Policy";
            var region = i is >= 4 and < 9 ? "Isle of Man" : "North West";
            csv.Append(i % 3 == 0
                ? $",mentor,Mentor {i},pilot{i}@example.org,Org {i % 5},{15 + i % 10},{region},online,{topics},,2,,\n"
                : $",mentee,Mentee {i},pilot{i}@example.org,Org {i % 5},{i % 5},{region},online,,{topics},,,\n");
        }
        return csv.ToString();
    }

    private static MultipartFormDataContent Upload(string csv) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "pilot.csv" } };

    private async Task<int> JobCountAsync(string cohort) =>
        (await app.Table(StorageNames.ImportJobs).QueryAsync<TableEntity>(e => e.PartitionKey == cohort).ToListAsync()).Count;

    private async Task<Cohort> CohortAsync(string id) =>
        (await app.AdminClient().GetFromJsonAsync<Cohort>($"/api/cohorts/{id}", ImportRuns.Json))!;

    private static FormUrlEncodedContent Answer(string action) =>
        new(new Dictionary<string, string> { ["action"] = action, ["file"] = "pilot.csv" });

    [Fact]
    public async Task Missing_topics_and_regions_are_offered_before_anything_is_stored_and_every_row_imports_once_added()
    {
        var cohort = await app.CreateCohortAsync();
        var admin = app.AdminClient();
        var response = await admin.PostAsync($"/manage/cohorts/{cohort}/import", Upload(PilotCsv()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("59 of the 63 rows in pilot.csv use topics or regions", html);
        // Most-used first: rows 4-62 cycle through the three new topics.
        Assert.Matches("Heat pump design</td><td>20</td>.*Metering and billing</td><td>20</td>.*Career development</td><td>19</td>",
            html.ReplaceLineEndings(""));
        Assert.Contains("<td>Isle of Man</td><td>5</td>", html);
        Assert.Empty(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
        Assert.Equal(0, await JobCountAsync(cohort));
        Assert.DoesNotContain("Career development", (await CohortAsync(cohort)).Topics);

        var confirm = ConfirmRegex().Match(html).Groups[1].Value;
        Assert.StartsWith($"/manage/cohorts/{cohort}/imports/", confirm);
        var added = await admin.PostAsync(confirm, Answer("add"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var jobPage = added.Headers.Location!.ToString();
        var stored = await CohortAsync(cohort);
        Assert.Equal(["Finance", "Procurement", "Policy", "Heat network design", NewTopics[1], NewTopics[2], NewTopics[0]], stored.Topics);
        Assert.Equal("Isle of Man", stored.Regions[^1]);

        // A double click finds the job it started.
        Assert.Equal(jobPage, (await admin.PostAsync(confirm, Answer("add"))).Headers.Location!.ToString());
        Assert.Equal(1, await JobCountAsync(cohort));
        var audit = Assert.Single(await app.Factory.Services.GetRequiredService<AuditLog>()
            .ListAsync(cohort, AuditAction.ImportStarted, null, 10, default));   // recorded once, by the press that started it
        Assert.Equal(AppFixture.OrganiserEmail, audit.Actor);
        Assert.Contains(jobPage.Split('/').Last(), audit.Summary);

        var jobId = jobPage.Split('/')[^1];
        var run = await ImportRuns.RunAsync(app.Worker.Services, cohort, jobId);
        Assert.True(run.Succeeded, run.Error?.ToString());
        var done = await ImportRuns.GetAsync(admin, ImportJobView.StatusUrlOf(cohort, jobId));
        Assert.Equal((ImportStatus.Done, 63, 0), (done.Status, done.Added, done.Rejected));
        Assert.Equal(63, (await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync()).Count);
    }

    [Fact]
    public async Task Cancel_stores_nothing_and_the_upload_no_longer_waits()
    {
        var cohort = await app.CreateCohortAsync();
        var admin = app.AdminClient();
        var html = await (await admin.PostAsync($"/manage/cohorts/{cohort}/import", Upload(PilotCsv()))).Content.ReadAsStringAsync();
        var confirm = ConfirmRegex().Match(html).Groups[1].Value;

        var cancelled = await admin.PostAsync(confirm, Answer("cancel"));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal($"/manage/cohorts/{cohort}", cancelled.Headers.Location!.ToString());
        var late = await admin.PostAsync(confirm, Answer("add"));
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Contains("no longer waiting", await late.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(confirm, Answer("maybe"))).StatusCode);

        Assert.Equal(4, (await CohortAsync(cohort)).Topics.Count);
        Assert.Empty(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync());
        Assert.Equal(0, await JobCountAsync(cohort));
    }

    [Fact]
    public async Task A_file_using_only_the_cohorts_values_goes_straight_to_its_job()
    {
        var cohort = await app.CreateCohortAsync();
        var csv = Header + ",mentee,Ann,ann@example.org,,1,North West,online,,finance,,,\n";
        var response = await app.AdminClient().PostAsync($"/manage/cohorts/{cohort}/import", Upload(csv));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/manage/cohorts/{cohort}/imports/", response.Headers.Location!.ToString());
        Assert.Equal(1, await JobCountAsync(cohort));
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+/confirm)\"")]
    private static partial Regex ConfirmRegex();
}
