using System.Globalization;
using CsvHelper;
using MentoringFunctions.Admin;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Imports;

public static class ImportServices
{
    public static IServiceCollection AddImports(this IServiceCollection services) => services
        .AddSingleton<ImportJobStore>().AddSingleton<ImportFiles>().AddSingleton<StartImport>()
        .AddSingleton<Applications.ApplicationBatches>().AddSingleton<RunImport>().AddSingleton<ConfirmImport>();
}

/// <summary>Admin: an import's status and report, as JSON for automation and as a page for the working group.</summary>
public sealed class ImportFunctions(AdminAccess admin, CohortRepository cohorts, ImportJobStore jobs, ImportFiles files)
{
    /// <summary>Pages list at most this many rows of each kind; the CSV download has them all.</summary>
    public const int RowsShown = 1000;

    [Function("GetImportJob")]
    public Task<IResult> GetImportJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/cohorts/{cohort}/imports/{id}")] HttpRequest req,
        string cohort, string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
            await jobs.GetAsync(cohort, id, ct) is { } job
                ? (IResult)TypedResults.Ok(ImportJobView.From(job, await RowsAsync(job, ct)))
                : TypedResults.NotFound());

    [Function("ImportJobPage")]
    public Task<IResult> ImportJobPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/imports/{id}")] HttpRequest req,
        string cohort, string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
    {
        if (await jobs.GetAsync(cohort, id, ct) is not { } job) return Results.NotFound();
        var name = (await cohorts.GetAsync(cohort, ct))?.Cohort.Name ?? cohort;
        return await PageResults.PageAsync(req.HttpContext, "import-job",
            ImportJobPageModel.Build(job, name, await RowsAsync(job, ct) ?? []));
    });

    [Function("ImportReportCsv")]
    public Task<IResult> ImportReportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/imports/{id}/report.csv")]
        HttpRequest req, string cohort, string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
    {
        if (await jobs.GetAsync(cohort, id, ct) is not { } job || await RowsAsync(job, ct) is not { } rows)
            return Results.NotFound();
        var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "line", "id", "email", "outcome", "reasons" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Line);
                foreach (var cell in new[] { r.Id, r.Email, r.Outcome, ImportJobPageModel.Reasons(r) })
                    csv.WriteField(ApplicationCsv.Escape(cell));
                csv.NextRecord();
            }
        }
        return Results.File(CsvDownload.Bytes(writer.ToString()), "text/csv; charset=utf-8", $"{cohort}-import-{id}.csv");
    });

    private async Task<IReadOnlyList<ImportRow>?> RowsAsync(ImportJob job, CancellationToken ct) =>
        job.Status == ImportStatus.Done ? await files.ReadReportAsync(job.Id, ct) : null;

    /// <summary>Many times the 50,000-row file a large network might send (about 10 MB), within the host's limits.</summary>
    public const int UploadLimit = 64 * 1024 * 1024;

    /// <summary>
    /// The upload: the body (text/csv) or the multipart field "file", with the name it was sent under. A body over the
    /// limit or a broken form is a 4xx problem, never an exception.
    /// </summary>
    public static async Task<(byte[] Csv, string FileName, ProblemHttpResult? Problem)> ReadUploadAsync(HttpRequest request,
        CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await Pages.Forms.ReadAsync(request, ct, UploadLimit, files: true);
            if (form.Error is not null)
                return ([], "", Problems.Field(form.Status, "file", form.Error, "The upload cannot be read"));
            if (form.Form?.Files.GetFile("file") is not { Length: > 0 } file) return ([], "", null);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            return (buffer.ToArray(), file.FileName, null);
        }
        var (bytes, problem) = await RequestBody.ReadAsync(request, UploadLimit, ct);
        return (bytes ?? [], "upload.csv", problem);
    }
}

public sealed record ReportLine(int Line, string Id, string Email, string Outcome, string Reasons);

/// <summary>The status page: progress while the job works (the page refreshes), then the report.</summary>
public sealed record ImportJobPageModel(string Title, string CohortName, ImportJob Job, int Percent, bool Refresh,
    IReadOnlyList<ReportLine> Rejected, IReadOnlyList<ReportLine> Others, int RowsShown, string StatusUrl, bool Wide = true)
{
    public static ImportJobPageModel Build(ImportJob job, string cohortName, IReadOnlyList<ImportRow> rows)
    {
        static ReportLine Line(ImportRow r) => new(r.Line, r.Id, r.Email, r.Outcome, Reasons(r));
        return new ImportJobPageModel($"Import of {job.FileName} into {cohortName}", cohortName, job,
            job.TotalRows == 0 ? 0 : (int)(100L * job.RowsDone / job.TotalRows), !job.Status.IsFinished(),
            rows.Where(r => r.Outcome == "rejected").Take(ImportFunctions.RowsShown).Select(Line).ToList(),
            rows.Where(r => r.Outcome != "rejected").Take(ImportFunctions.RowsShown).Select(Line).ToList(),
            ImportFunctions.RowsShown, ImportJobView.StatusUrlOf(job.Cohort, job.Id));
    }

    public static string Reasons(ImportRow r) => string.Join(" ", r.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
