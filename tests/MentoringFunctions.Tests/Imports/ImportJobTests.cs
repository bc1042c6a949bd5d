using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using MentoringFunctions.Applications;
using MentoringFunctions.Imports;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Imports;

[Collection(AppCollection.Name)]
public class ImportJobTests(AppFixture app)
{
    private const string Header = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n";

    private static string Row(int i, string name = "Person") =>
        $",mentee,{name} {i},u{i}@example.org,Org {i % 7},{i % 20},Wales,online,,Finance,,,\n";

    private async Task<List<ApplicationEntity>> StoredAsync(string cohort) =>
        await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync();

    private async Task<int> JobCountAsync(string cohort) =>
        (await app.Table(StorageNames.ImportJobs).QueryAsync<TableEntity>(e => e.PartitionKey == cohort).ToListAsync()).Count;

    [Fact]
    public async Task An_upload_answers_202_with_a_status_url_and_the_page_shows_progress_then_the_per_row_report()
    {
        var cohort = await app.CreateCohortAsync(name: "Heat Pump Pioneers");
        var admin = app.AdminClient();
        var csv = Header + Row(1) + "bad,wizard,Bad Row,bad@example.org,X,1,Wales,online,,Finance,,,\n" + Row(2);
        var response = await ImportRuns.UploadAsync(admin, cohort, csv);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<ImportJobView>(ImportRuns.Json))!;
        Assert.Equal(job.StatusUrl, response.Headers.Location!.ToString());
        Assert.Equal($"/api/cohorts/{cohort}/imports/{job.Id}", job.StatusUrl);
        Assert.Equal(ImportStatus.Queued, (await ImportRuns.GetAsync(admin, job.StatusUrl)).Status);
        Assert.Empty(await StoredAsync(cohort));   // nothing is written until the job runs

        var waiting = await admin.GetStringAsync(job.PageUrl);
        Assert.Contains("Heat Pump Pioneers", waiting);
        Assert.Contains("http-equiv=\"refresh\"", waiting);
        Assert.Contains("Queued", waiting);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(job.PageUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(job.StatusUrl)).StatusCode);

        var run = await ImportRuns.RunAsync(app.Worker.Services, cohort, job.Id);
        Assert.True(run.Succeeded, run.Error?.ToString());
        var done = await ImportRuns.GetAsync(admin, job.StatusUrl);
        Assert.Equal((ImportStatus.Done, 2, 0, 0, 1, 3),
            (done.Status, done.Added, done.Updated, done.Unchanged, done.Rejected, done.RowsDone));
        Assert.Equal([(2, "added"), (3, "rejected"), (4, "added")], done.Rows!.Select(r => (r.Line, r.Outcome)));
        Assert.Contains("'wizard' is not a role", done.Rows![1].Errors["role"][0]);
        Assert.Equal(2, (await StoredAsync(cohort)).Count);
        Assert.Empty(await app.OutboxAsync(cohort));   // imported rows send no e-mails

        var page = await admin.GetStringAsync(job.PageUrl);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page);
        Assert.Contains("2 added, 0 updated, 0 unchanged, 1 rejected", page);
        Assert.Contains("is not a role", page);
        var report = await admin.GetStringAsync($"{job.PageUrl}/report.csv");
        Assert.StartsWith("line,id,email,outcome,reasons", report);
        Assert.Contains("3,bad,bad@example.org,rejected,", report);
        Assert.Contains("upload.csv", await admin.GetStringAsync($"/manage/cohorts/{cohort}"));   // listed on the cohort page
    }

    [Fact]
    public async Task The_upload_form_redirects_to_the_jobs_page_which_names_the_file()
    {
        var cohort = await app.CreateCohortAsync();
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Header + Row(1)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "spring-intake.csv");
        var response = await app.AdminClient().PostAsync($"/manage/cohorts/{cohort}/import", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"/manage/cohorts/{cohort}/imports/", location);
        Assert.Contains("spring-intake.csv", await app.AdminClient().GetStringAsync(location));
    }

    [Fact]
    public async Task A_job_interrupted_after_a_committed_batch_resumes_and_writes_every_row_exactly_once()
    {
        var cohort = await app.CreateCohortAsync();
        await app.ImportAsync(cohort, Header + Row(0) + Row(1));   // two applications already there
        // 350 rows: four batches. Row 0 changes, row 1 is as stored, one row is rejected, 347 are new.
        var csv = new StringBuilder(Header).Append(Row(0, "Renamed")).Append(Row(1));
        for (var i = 2; i < 350; i++) csv.Append(i == 120 ? "x,mentee,No Email,,Org,1,Wales,online,,Finance,,,\n" : Row(i));
        var job = (await (await ImportRuns.UploadAsync(app.AdminClient(), cohort, csv.ToString()))
            .Content.ReadFromJsonAsync<ImportJobView>(ImportRuns.Json))!;

        // The second batch commits, then the process dies before the job's checkpoint records it.
        using (var crashing = app.WorkerWith(s => s.AddSingleton<ApplicationBatches>(sp =>
                   new CrashAfterCommit(sp.GetRequiredService<TableServiceClient>(), crashOn: 2))))
        {
            var crashed = await ImportRuns.RunAsync(crashing.Services, cohort, job.Id);
            Assert.False(crashed.Succeeded);
        }
        var interrupted = await ImportRuns.GetAsync(app.AdminClient(), job.StatusUrl);
        Assert.Equal((ImportStatus.Queued, 1, 100), (interrupted.Status, interrupted.Attempts, interrupted.RowsDone));
        Assert.Contains("Attempt 1 failed", interrupted.FailureReason);
        // Both batches are in the table: the plan's first 200 rows less the rejected and the unchanged row (no
        // write; they sort first) and row 0's update, if its e-mail's partition put it in those batches.
        Assert.InRange((await StoredAsync(cohort)).Count, 2 + 197, 2 + 198);

        var resumed = await ImportRuns.RunAsync(app.Worker.Services, cohort, job.Id, dequeueCount: 2);
        Assert.True(resumed.Succeeded, resumed.Error?.ToString());
        var done = await ImportRuns.GetAsync(app.AdminClient(), job.StatusUrl);
        Assert.Equal((ImportStatus.Done, 2), (done.Status, done.Attempts));
        Assert.Equal((347, 1, 1, 1), (done.Added, done.Updated, done.Unchanged, done.Rejected));
        Assert.Equal(Enumerable.Range(2, 350), done.Rows!.Select(r => r.Line));   // every line once, in order
        // The re-applied batch: its rows are reported as added (this import's own writes), not as unchanged.
        Assert.All(done.Rows!.Skip(100).Take(100), r => Assert.Equal(r.Line == 122 ? "rejected" : "added", r.Outcome));

        var stored = await StoredAsync(cohort);
        Assert.Equal(349, stored.Count);
        Assert.Equal(Enumerable.Range(0, 350).Where(i => i != 120).Select(i => $"u{i}@example.org").Order(),
            stored.Select(e => e.Email).Order());
        Assert.Equal(2, stored.Single(e => e.Email == "u0@example.org").Version);
        Assert.Equal("Renamed 0", stored.Single(e => e.Email == "u0@example.org").Name);
        Assert.All(stored.Where(e => e.Email != "u0@example.org"), e => Assert.Equal(1, e.Version));

        var again = await ImportRuns.RunAsync(app.Worker.Services, cohort, job.Id, dequeueCount: 3);
        Assert.Contains(again.Logs, l => l.Contains("already Done"));
    }

    [Fact]
    public async Task The_same_file_uploaded_again_finds_the_job_it_made()
    {
        var cohort = await app.CreateCohortAsync();
        var admin = app.AdminClient();
        var csv = Header + Row(1) + Row(2);
        var first = await ImportRuns.UploadAsync(admin, cohort, csv);
        var retry = await ImportRuns.UploadAsync(admin, cohort, csv);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        var job = (await first.Content.ReadFromJsonAsync<ImportJobView>(ImportRuns.Json))!;
        Assert.Equal(job.Id, (await retry.Content.ReadFromJsonAsync<ImportJobView>(ImportRuns.Json))!.Id);

        Assert.True((await ImportRuns.RunAsync(app.Worker.Services, cohort, job.Id)).Succeeded);
        var late = await ImportRuns.UploadAsync(admin, cohort, csv);   // a retry after the job finished
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(ImportStatus.Done, (await late.Content.ReadFromJsonAsync<ImportJobView>(ImportRuns.Json))!.Status);
        Assert.Equal(1, await JobCountAsync(cohort));
        Assert.Equal(2, (await StoredAsync(cohort)).Count);
    }

    [Fact]
    public async Task A_file_that_is_not_an_application_csv_is_refused_at_once_and_nothing_is_stored()
    {
        var cohort = await app.CreateCohortAsync();
        var admin = app.AdminClient();
        var binary = await admin.PostAsync($"/api/cohorts/{cohort}/applications/import",
            new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Equal("application/problem+json", binary.Content.Headers.ContentType!.MediaType);
        Assert.Contains("the header must be", await binary.Content.ReadAsStringAsync());

        var empty = await ImportRuns.UploadAsync(admin, cohort, "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Send the CSV", await empty.Content.ReadAsStringAsync());

        var form = new MultipartFormDataContent { { new StringContent("name,email\nA,a@example.org\n"), "file", "people.csv" } };
        var page = await admin.PostAsync($"/manage/cohorts/{cohort}/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("line 1, column 1", await page.Content.ReadAsStringAsync());
        Assert.Equal(0, await JobCountAsync(cohort));
    }

    [Fact]
    public async Task A_job_whose_message_is_poisoned_is_failed_with_the_reason_and_the_page_says_so()
    {
        var cohort = await app.CreateCohortAsync();
        var job = (await (await ImportRuns.UploadAsync(app.AdminClient(), cohort, Header + Row(1)))
            .Content.ReadFromJsonAsync<ImportJobView>(ImportRuns.Json))!;
        var poison = await ImportRuns.RunAsync(app.Worker.Services, cohort, job.Id, function: "RunImportPoison");
        Assert.True(poison.Succeeded, poison.Error?.ToString());
        var failed = await ImportRuns.GetAsync(app.AdminClient(), job.StatusUrl);
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Contains("could not be completed", await app.AdminClient().GetStringAsync(job.PageUrl));
        Assert.Empty(await StoredAsync(cohort));
    }

    /// <summary>The process ends right after a batch's transaction commits, before the job records it.</summary>
    private sealed class CrashAfterCommit(TableServiceClient tables, int crashOn) : ApplicationBatches(tables)
    {
        private int _calls;

        public override async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyList<BatchWrite> writes,
            CancellationToken ct)
        {
            var outcomes = await base.WriteAsync(writes, ct);
            if (++_calls == crashOn) throw new IOException("The process ended after the batch was committed.");
            return outcomes;
        }
    }
}
