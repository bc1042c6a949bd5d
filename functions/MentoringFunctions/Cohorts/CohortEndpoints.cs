using MentoringFunctions.Admin;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Cohorts;

public static class CohortServices
{
    public static IServiceCollection AddCohorts(this IServiceCollection services) => services.AddSingleton<CohortRepository>().AddSingleton<CohortSetup>();
}

/// <summary>Admin: create, update, read and list cohorts (programme years).</summary>
public sealed class CohortFunctions(AdminAccess admin, CohortRepository cohorts, AuditLog audit)
{
    private const string Cohorts = "api/cohorts";

    [Function("ListCohorts")]
    public Task<IResult> ListCohorts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Cohorts)] HttpRequest req, CancellationToken ct) =>
        admin.Guard(req, AdminGuard.AppWide, AdminRole.Reviewer, async () =>
            TypedResults.Ok(await admin.VisibleCohortsAsync(AdminUser.Of(req.HttpContext)!, ct)));

    [Function("GetCohort")]
    public Task<IResult> GetCohort(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Cohorts + "/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, id, AdminRole.Reviewer, () => GetAsync(id, req.HttpContext.Response, ct));

    [Function("CreateCohort")]
    public Task<IResult> CreateCohort(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Cohorts)] HttpRequest req, CancellationToken ct) =>
        admin.Guard(req, AdminGuard.AppWide, AdminRole.Organiser, () => CreateAsync(req, ct));

    [Function("UpdateCohort")]
    public Task<IResult> UpdateCohort(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Cohorts + "/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, id, AdminRole.Organiser, () => UpdateAsync(id, req, ct));

    public async Task<Results<Ok<Cohort>, NotFound>> GetAsync(string id, HttpResponse response, CancellationToken ct)
    {
        if (await cohorts.GetAsync(id, ct) is not { } found) return TypedResults.NotFound();
        response.Headers.ETag = found.ETag.ToString("H");
        return TypedResults.Ok(found.Cohort);
    }

    public async Task<Results<Created<Cohort>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<CohortInput>(request, ct);
        if (problem is not null) return problem;
        var validated = CohortValidator.Validate(input!);
        if (!validated.IsValid) return TypedResults.ValidationProblem(validated.Errors.ToDictionary(), title: "The cohort has errors");
        var cohort = validated.Value!;
        if (await cohorts.AddAsync(cohort, ct) == WriteOutcome.Conflict)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cohort exists",
                detail: $"A cohort with id '{cohort.Id}' already exists; PUT /api/cohorts/{cohort.Id} changes it.");
        await audit.RecordAsync(request.HttpContext, cohort.Id, AuditAction.CohortCreated, $"Created {cohort.Name}",
            cohort.WorkingGroupEmails.Concat(cohort.ReviewerEmails), ct: ct);
        return TypedResults.Created($"/api/cohorts/{cohort.Id}", cohort);
    }

    /// <summary>
    /// Replaces the cohort. With If-Match, only if nobody changed it since that read (412 otherwise);
    /// without, against the version read here, so a concurrent write is still never silently lost.
    /// </summary>
    public async Task<Results<Ok<Cohort>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, HttpRequest request, CancellationToken ct)
    {
        if (await cohorts.GetAsync(id, ct) is not { } found) return TypedResults.NotFound();
        var (input, problem) = await JsonBody.ReadAsync<CohortInput>(request, ct);
        if (problem is not null) return problem;
        var validated = CohortValidator.Validate(input!, fixedId: id);
        if (!validated.IsValid) return TypedResults.ValidationProblem(validated.Errors.ToDictionary(), title: "The cohort has errors");
        var ifMatch = request.Headers.IfMatch.ToString();
        var stale = ifMatch.Length > 0 && ifMatch != "*" && ifMatch != found.ETag.ToString("H");
        switch (stale ? WriteOutcome.Conflict : await cohorts.UpdateAsync(validated.Value!, found.ETag, ct))
        {
            case WriteOutcome.NotFound: return TypedResults.NotFound();
            case WriteOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Cohort changed",
                    detail: "Someone changed this cohort since you read it. Read it again and re-apply your changes.");
        }
        var (summary, people) = CohortChanges.Describe(found.Cohort, validated.Value!);
        await audit.RecordAsync(request.HttpContext, id, AuditAction.CohortEdited, summary, people, ct: ct);
        return TypedResults.Ok(validated.Value!);
    }
}
