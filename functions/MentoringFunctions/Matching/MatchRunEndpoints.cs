using System.Globalization;
using CsvHelper;
using MentoringFunctions.Admin;
using MentoringFunctions.Pages;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Matching;

public static class MatchRunServices
{
    public static IServiceCollection AddMatchRuns(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<MatchRunOptions>(config.GetSection("Matching"));
        return services.AddSingleton<MatchRunStore>().AddSingleton<MatchRunNotifier>().AddSingleton<MatchEmails>()
            .AddSingleton<MatchRunAudit>().AddSingleton<RequestMatchRun>().AddSingleton<PublishMatchRun>().AddSingleton<PublishPreview>()
            .AddSingleton<WithdrawnMatchEmails>().AddSingleton<RunMatching>().AddSingleton<RunMatchingPoison>()
            .AddSingleton<EndMatch>().AddSingleton<Rematch>();
    }
}

/// <summary>Admin: start a match run (202 + status URL), read it, download it, compare, publish, withdraw.</summary>
public sealed class MatchRunFunctions(AdminAccess admin, CohortRepository cohorts, MatchRunStore runs, RequestMatchRun request,
    PublishMatchRun publish, MatchRunAudit audit)
{
    private const string Run = "api/match-runs/{id}";

    [Function("StartMatchRun")]
    public Task<IResult> StartMatchRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/cohorts/{cohort}/match-runs")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, () => StartAsync(cohort, req, ct));

    [Function("ListMatchRuns")]
    public Task<IResult> ListMatchRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/cohorts/{cohort}/match-runs")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () => await cohorts.GetAsync(cohort, ct) is null
            ? (IResult)TypedResults.NotFound()
            : TypedResults.Ok<IReadOnlyList<MatchRunView>>(
                (await runs.ListAsync(cohort, ct)).Select(r => MatchRunView.From(r, null)).ToList()));

    [Function("GetMatchRun")]
    public Task<IResult> GetMatchRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Run)] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Reviewer, async () => await runs.GetAsync(id, ct) is { } run
            ? (IResult)TypedResults.Ok(MatchRunView.From(run, await runs.ReadResultAsync(run, ct)))
            : TypedResults.NotFound());

    [Function("MatchRunPairsCsv")]
    public Task<IResult> MatchRunPairsCsv(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Run + "/pairs.csv")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Reviewer, () => CsvAsync(id, runs, ct));

    /// <summary>For the review page: in Azure, /api needs a function key that a browser lacks.</summary>
    [Function("ManageMatchRunPairsCsv")]
    public Task<IResult> ManageMatchRunPairsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/match-runs/{id}/pairs.csv")] HttpRequest req,
        string id, CancellationToken ct) => admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Reviewer, () => CsvAsync(id, runs, ct));

    [Function("CompareMatchRuns")]
    public Task<IResult> CompareMatchRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Run + "/compare/{other}")] HttpRequest req, string id, string other,
        CancellationToken ct) => admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Reviewer, async () =>
            await CompareRunsAsync(id, other, runs, ct) is { } comparison ? (IResult)TypedResults.Ok(comparison) : TypedResults.NotFound());

    [Function("PublishMatchRun")]
    public Task<IResult> PublishMatchRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Run + "/publish")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Organiser, async () =>
            ToHttp(await audit.PublishedAsync(req.HttpContext, await publish.PublishAsync(id, ct), ct)));

    [Function("WithdrawMatchRun")]
    public Task<IResult> WithdrawMatchRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Run + "/withdraw")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Organiser, async () =>
            ToHttp(await audit.PublishedAsync(req.HttpContext, await publish.WithdrawAsync(id, ct), ct)));

    public async Task<Results<Accepted<MatchRunView>, Ok<MatchRunView>, NotFound, ValidationProblem, ProblemHttpResult>> StartAsync(
        string cohort, HttpRequest http, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return TypedResults.NotFound();
        var (json, unreadable) = await JsonBody.ReadDocumentAsync(http, ct, allowEmpty: true);
        if (unreadable is not null) return unreadable;
        var (parsed, errors) = RequestMatchRun.Parse(json?.RootElement);
        json?.Dispose();
        if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The match run request has errors");
        var outcome = await audit.StartedAsync(http.HttpContext, cohort, parsed!,
            await request.HandleAsync(cohort, parsed!, http.Headers["Idempotency-Key"].FirstOrDefault(), ct), ct);
        if (outcome is RequestOutcome.Invalid invalid)
            return TypedResults.ValidationProblem(invalid.Errors, title: "The match run request has errors");
        var accepted = (RequestOutcome.Accepted)outcome;
        var view = MatchRunView.From(accepted.Run, null);
        return accepted.Existing ? TypedResults.Ok(view) : TypedResults.Accepted(view.StatusUrl, view);
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> CsvAsync(string id, MatchRunStore runs, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run || await runs.ReadResultAsync(run, ct) is not { } result) return TypedResults.NotFound();
        var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "mentor_id", "mentee_id", "score", "reasons" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var p in result.Pairs)
            {
                csv.WriteField(p.MentorId); csv.WriteField(p.MenteeId); csv.WriteField(p.Score); csv.WriteField(p.Reasons);
                csv.NextRecord();
            }
        }
        return TypedResults.File(CsvDownload.Bytes(writer.ToString()), "text/csv; charset=utf-8",
            $"{run.Cohort}-{run.Id}-pairs.csv");
    }

    public static async Task<RunComparison?> CompareRunsAsync(string id, string other, MatchRunStore runs, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } a || await runs.GetAsync(other, ct) is not { } b) return null;
        if (await runs.ReadResultAsync(a, ct) is not { } ra || await runs.ReadResultAsync(b, ct) is not { } rb) return null;
        var pa = ra.Pairs.Select(p => $"{p.MentorId} → {p.MenteeId}").ToHashSet();
        var pb = rb.Pairs.Select(p => $"{p.MentorId} → {p.MenteeId}").ToHashSet();
        return new RunComparison(a.Id, b.Id, ra.Pairs.Count, rb.Pairs.Count,
            ra.Pairs.Sum(p => (long)p.Score), rb.Pairs.Sum(p => (long)p.Score),
            pa.Except(pb).Order().ToList(), pb.Except(pa).Order().ToList(), pa.Intersect(pb).Count());
    }

    private static Results<Ok<PublishResponse>, NotFound, ProblemHttpResult> ToHttp(PublishOutcome outcome) =>
        outcome switch
    {
        PublishOutcome.Published p =>
            TypedResults.Ok(new PublishResponse(MatchRunView.From(p.Run, null), p.Matches, p.EmailsQueued, p.Warnings)),
        PublishOutcome.Refused r => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot do that to this run", detail: r.Reason),
        _ => TypedResults.NotFound(),
    };
}
