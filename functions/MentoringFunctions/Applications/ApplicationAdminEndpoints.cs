using System.Text;
using MentoringFunctions.Admin;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Applications;

/// <summary>Admin: list and filter a cohort's applications, export them as CSV, import a CSV, withdraw one.</summary>
public sealed class ApplicationAdminFunctions(AdminAccess admin, CohortRepository cohorts, ApplicationRepository applications,
    ImportApplications import, TimeProvider time)
{
    private const string Cohort = "api/cohorts/{cohort}";

    [Function("ListApplications")]
    public Task<IResult> ListApplications(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Cohort + "/applications")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, () => ListAsync(cohort, req, ct));

    [Function("ExportApplications")]
    public Task<IResult> ExportApplications(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Cohort + "/applications.csv")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, () => ExportAsync(cohort, req, ct));

    /// <summary>The same download for the working group's pages: in Azure, /api/cohorts needs a function key a browser lacks.</summary>
    [Function("ManageExportApplications")]
    public Task<IResult> ManageExportApplications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/applications.csv")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, () => ExportAsync(cohort, req, ct));

    [Function("ImportApplications")]
    public Task<IResult> ImportApplications(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Cohort + "/applications/import")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, () => ImportAsync(cohort, req, ct));

    [Function("WithdrawApplication")]
    public Task<IResult> WithdrawApplication(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Cohort + "/applications/{id}/withdraw")] HttpRequest req,
        string cohort, string id, CancellationToken ct) => admin.Guard(req, () => WithdrawAsync(cohort, id, ct));

    public async Task<Results<Ok<IReadOnlyList<ApplicationView>>, NotFound>> ListAsync(string cohort, HttpRequest request, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return TypedResults.NotFound();
        var filter = ApplicationFilter.From(request.Query);
        return TypedResults.Ok<IReadOnlyList<ApplicationView>>(
            filter.Apply(await applications.ListAsync(cohort, ct)).Select(ApplicationView.From).ToList());
    }

    public async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(string cohort, HttpRequest request, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return TypedResults.NotFound();
        var filter = ApplicationFilter.From(request.Query);
        var writer = new StringWriter();
        ApplicationCsv.Write(writer, filter.Apply(await applications.ListAsync(cohort, ct)).Select(a => a.Application));
        return TypedResults.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", $"{cohort}-applications.csv");
    }

    /// <summary>Withdraws an application (kept, marked withdrawn): match runs skip it and publishing leaves it out.</summary>
    public async Task<Results<Ok<ApplicationView>, NotFound, ProblemHttpResult>> WithdrawAsync(string cohort, string id, CancellationToken ct)
    {
        if ((await applications.ListAsync(cohort, ct)).FirstOrDefault(a => a.Id == id) is not { } application)
            return TypedResults.NotFound();
        if (application.Status == ApplicationStatus.Withdrawn)
            return TypedResults.Ok(ApplicationView.From(application));
        var withdrawn = await applications.UpdateAsync(application with
        {
            Status = ApplicationStatus.Withdrawn, Version = application.Version + 1, UpdatedAt = time.GetUtcNow(),
            ChangedAsOf = time.GetUtcNow(), LastChange = "",
        }, ct);
        return withdrawn is not null
            ? TypedResults.Ok(ApplicationView.From(withdrawn))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Application changed",
                detail: "The application changed meanwhile; try again.");
    }

    /// <summary>The CSV as the body (text/csv) or as the "file" field of a multipart form.</summary>
    public async Task<Results<Ok<ImportReport>, NotFound, ValidationProblem>> ImportAsync(string cohort, HttpRequest request,
        CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return TypedResults.NotFound();
        using var reader = await CsvReaderFor(request, ct);
        if (reader is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["file"] = ["Send the CSV as the body (text/csv) or as a file field named 'file'."] });
        var report = await import.ImportAsync(found.Cohort, reader, ct);
        if (report.FileError is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [report.FileError] },
                title: "The CSV cannot be read");
        return TypedResults.Ok(report);
    }

    /// <summary>Reads the whole upload first: the CSV parser reads synchronously, request bodies must not.</summary>
    public static async Task<TextReader?> CsvReaderFor(HttpRequest request, CancellationToken ct)
    {
        Stream? body = request.Body;
        if (request.HasFormContentType)
            body = (await request.ReadFormAsync(ct)).Files.GetFile("file") is { Length: > 0 } file ? file.OpenReadStream() : null;
        if (body is null) return null;
        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        return text.Length == 0 ? null : new StringReader(text);
    }
}
