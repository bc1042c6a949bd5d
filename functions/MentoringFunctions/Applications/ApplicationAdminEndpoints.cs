using MentoringFunctions.Admin;
using MentoringFunctions.Pages;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Imports;
using MentoringFunctions.Matching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Applications;

/// <summary>Admin: list and filter a cohort's applications, export them as CSV, import a CSV, withdraw one.</summary>
public sealed class ApplicationAdminFunctions(AdminAccess admin, CohortRepository cohorts, ApplicationRepository applications,
    StartImport import, WithdrawApplication withdraw, AuditLog audit)
{
    private const string Cohort = "api/cohorts/{cohort}";

    [Function("ListApplications")]
    public Task<IResult> ListApplications(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Cohort + "/applications")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, () => ListAsync(cohort, req, ct));

    [Function("ExportApplications")]
    public Task<IResult> ExportApplications(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Cohort + "/applications.csv")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, () => ExportAsync(cohort, req, ct));

    /// <summary>The same download for the working group's pages: in Azure, /api/cohorts needs a function key a browser lacks.</summary>
    [Function("ManageExportApplications")]
    public Task<IResult> ManageExportApplications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/applications.csv")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, () => ExportAsync(cohort, req, ct));

    [Function("ImportApplications")]
    public Task<IResult> ImportApplications(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Cohort + "/applications/import")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, () => ImportAsync(cohort, req, ct));

    [Function("WithdrawApplication")]
    public Task<IResult> WithdrawApplication(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Cohort + "/applications/{id}/withdraw")] HttpRequest req,
        string cohort, string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, () => WithdrawAsync(cohort, id, req.HttpContext, ct));

    public async Task<Results<Ok<IReadOnlyList<ApplicationView>>, NotFound, ValidationProblem>> ListAsync(string cohort,
        HttpRequest request, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return TypedResults.NotFound();
        if (ApplicationFilter.Check(request.Query) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors, title: "Unknown filter values");
        var filter = ApplicationFilter.From(request.Query);
        return TypedResults.Ok<IReadOnlyList<ApplicationView>>(
            filter.Apply(await applications.ListAsync(cohort, ct)).Select(ApplicationView.From).ToList());
    }

    public async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportAsync(string cohort, HttpRequest request,
        CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return TypedResults.NotFound();
        if (ApplicationFilter.Check(request.Query) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors, title: "Unknown filter values");
        var filter = ApplicationFilter.From(request.Query);
        var writer = new StringWriter();
        ApplicationCsv.Write(writer, filter.Apply(await applications.ListAsync(cohort, ct)).Select(a => a.Application));
        return TypedResults.File(CsvDownload.Bytes(writer.ToString()), "text/csv; charset=utf-8", $"{cohort}-applications.csv");
    }

    /// <summary>Withdraws an application (kept, marked withdrawn): match runs skip it and publishing leaves it out.</summary>
    public async Task<Results<Ok<ApplicationView>, NotFound, ProblemHttpResult>> WithdrawAsync(string cohort, string id,
        HttpContext http, CancellationToken ct)
    {
        return await withdraw.HandleAsync(cohort, id, http, ct) switch
        {
            WithdrawResult.Withdrawn w => TypedResults.Ok(ApplicationView.From(w.Application)),
            WithdrawResult.NotFound => TypedResults.NotFound(),
            WithdrawResult.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Application changed", detail: "The application changed meanwhile; try again."),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    }

    /// <summary>
    /// The CSV as the body (text/csv) or as the "file" field of a multipart form. Answers 202 with the job's status URL;
    /// the same file again answers 200 with the job it already made. A file that is not an application CSV is a 400.
    /// </summary>
    public async Task<Results<Accepted<ImportJobView>, Ok<ImportJobView>, NotFound, ValidationProblem, ProblemHttpResult>>
        ImportAsync(string cohort, HttpRequest request, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return TypedResults.NotFound();
        var (csv, fileName, unreadable) = await ImportFunctions.ReadUploadAsync(request, ct);
        if (unreadable is not null) return unreadable;
        var outcome = await import.StartAsync(cohort, fileName, csv, request.Headers["Idempotency-Key"].FirstOrDefault(), ct);
        if (outcome is StartOutcome.Refused refused)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [refused.Reason] },
                title: "The CSV cannot be read");
        var accepted = (StartOutcome.Accepted)outcome;
        var view = ImportJobView.From(accepted.Job, null);
        if (!accepted.Existing)
            await audit.RecordAsync(request.HttpContext, cohort, AuditAction.ImportStarted,
                $"Import of {fileName} started (job {accepted.Job.Id})", ct: ct);
        return accepted.Existing ? TypedResults.Ok(view) : TypedResults.Accepted(view.StatusUrl, view);
    }
}
