using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MentoringFunctions.Imports;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>CSV imports as the tests drive them: upload (202 + job), then the job's queue message, as the host delivers it.</summary>
public static class ImportRuns
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<HttpResponseMessage> UploadAsync(HttpClient admin, string cohort, string csv) =>
        admin.PostAsync($"/api/cohorts/{cohort}/applications/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    /// <summary>Uploads, runs the job to the end on the worker and returns it as the status endpoint shows it.</summary>
    public static async Task<ImportJobView> ImportAsync(HttpClient admin, IServiceProvider worker, string cohort, string csv)
    {
        var response = await UploadAsync(admin, cohort, csv);
        response.EnsureSuccessStatusCode();
        var job = (await response.Content.ReadFromJsonAsync<ImportJobView>(Json))!;
        var run = await RunAsync(worker, cohort, job.Id);
        if (!run.Succeeded) throw new InvalidOperationException($"Import {job.Id} failed", run.Error);
        return await GetAsync(admin, job.StatusUrl);
    }

    public static Task<ImportJobView> ImportAsync(this AppFixture app, string cohort, string csv) =>
        ImportAsync(app.AdminClient(), app.Worker.Services, cohort, csv);

    public static async Task<ImportJobView> GetAsync(HttpClient admin, string statusUrl) =>
        (await admin.GetFromJsonAsync<ImportJobView>(statusUrl, Json))!;

    /// <summary>Delivers a job's queue message to the worker's function, as the Functions host does.</summary>
    public static Task<Invocation> RunAsync(IServiceProvider worker, string cohort, string jobId, long dequeueCount = 1,
        string function = "RunImport") =>
        Functions.QueueAsync(worker, function, JsonSerializer.Serialize(new ImportRequest(cohort, jobId), JsonSerializerOptions.Web),
            dequeueCount);
}
