using System.Globalization;
using System.Text;
using CsvHelper;
using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Matching.RunMatching;
using MentoringFunctions.Matching.RunMatchingPoison;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Matching;

/// <summary>Admin: start a match run (202 + status URL), read it, download it, compare, publish, withdraw.</summary>
public static class MatchRunEndpoints
{
    public static IServiceCollection AddMatchRuns(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<MatchRunOptions>(config.GetSection("Matching"));
        services.AddSingleton<MatchRunStore>().AddSingleton<MatchRunNotifier>().AddSingleton<MatchEmails>();
        return services.AddFunction<RunMatchingFunction>().AddFunction<RunMatchingPoisonFunction>();
    }

    public static IEndpointRouteBuilder MapMatchRuns(this IEndpointRouteBuilder app)
    {
        var cohorts = app.MapGroup("/api/cohorts/{cohort}/match-runs").RequireAdmin().DisableAntiforgery();
        cohorts.MapPost("/", StartAsync);
        cohorts.MapGet("/", ListAsync);
        var runs = app.MapGroup("/api/match-runs/{id}").RequireAdmin().DisableAntiforgery();
        runs.MapGet("/", GetAsync);
        runs.MapGet("/pairs.csv", CsvAsync);
        runs.MapGet("/compare/{other}", CompareAsync);
        runs.MapPost("/publish", PublishAsync);
        runs.MapPost("/withdraw", WithdrawAsync);
        app.MapGet("/manage/match-runs/{id}/pairs.csv", CsvAsync).RequireAdmin();   // for the review page (no function key in a browser)
        return app;
    }

    public static async Task<Results<Accepted<MatchRunView>, Ok<MatchRunView>, NotFound, ValidationProblem>> StartAsync(string cohort, HttpRequest request,
        CohortRepository cohorts, MatchRunStore runs, ApplicationRepository applications, QueueClientFactory queues, TimeProvider time, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return TypedResults.NotFound();
        var (parsed, errors) = RequestMatchRun.Parse(await new StreamReader(request.Body).ReadToEndAsync(ct));
        if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The match run request has errors");
        var outcome = await RequestMatchRun.HandleAsync(cohort, parsed!, request.Headers["Idempotency-Key"].FirstOrDefault(), runs, applications, queues, time, ct);
        if (outcome is RequestOutcome.Invalid invalid) return TypedResults.ValidationProblem(invalid.Errors, title: "The match run request has errors");
        var accepted = (RequestOutcome.Accepted)outcome;
        var view = MatchRunView.From(accepted.Run, null);
        return accepted.Existing ? TypedResults.Ok(view) : TypedResults.Accepted(view.StatusUrl, view);
    }

    public static async Task<Ok<IReadOnlyList<MatchRunView>>> ListAsync(string cohort, MatchRunStore runs, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<MatchRunView>>((await runs.ListAsync(cohort, ct)).Select(r => MatchRunView.From(r, null)).ToList());

    public static async Task<Results<Ok<MatchRunView>, NotFound>> GetAsync(string id, MatchRunStore runs, CancellationToken ct) =>
        await runs.GetAsync(id, ct) is { } run ? TypedResults.Ok(MatchRunView.From(run, await runs.ReadResultAsync(run, ct))) : TypedResults.NotFound();

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
        return TypedResults.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", $"{run.Cohort}-{run.RowKey}-pairs.csv");
    }

    public static async Task<Results<Ok<RunComparison>, NotFound>> CompareAsync(string id, string other, MatchRunStore runs, CancellationToken ct)
    {
        var comparison = await CompareRunsAsync(id, other, runs, ct);
        return comparison is null ? TypedResults.NotFound() : TypedResults.Ok(comparison);
    }

    public static async Task<RunComparison?> CompareRunsAsync(string id, string other, MatchRunStore runs, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } a || await runs.GetAsync(other, ct) is not { } b) return null;
        if (await runs.ReadResultAsync(a, ct) is not { } ra || await runs.ReadResultAsync(b, ct) is not { } rb) return null;
        var pa = ra.Pairs.Select(p => $"{p.MentorId} → {p.MenteeId}").ToHashSet();
        var pb = rb.Pairs.Select(p => $"{p.MentorId} → {p.MenteeId}").ToHashSet();
        return new RunComparison(a.RowKey, b.RowKey, ra.Pairs.Count, rb.Pairs.Count, ra.Pairs.Sum(p => (long)p.Score), rb.Pairs.Sum(p => (long)p.Score),
            pa.Except(pb).Order().ToList(), pb.Except(pa).Order().ToList(), pa.Intersect(pb).Count());
    }

    public static async Task<Results<Ok<PublishOutcome.Published>, NotFound, ProblemHttpResult>> PublishAsync(string id, MatchRunStore runs,
        ApplicationRepository applications, CohortRepository cohorts, MatchEmails emails, TimeProvider time, CancellationToken ct) =>
        ToHttp(await PublishMatchRun.PublishAsync(id, runs, applications, cohorts, emails, time, ct));

    public static async Task<Results<Ok<PublishOutcome.Published>, NotFound, ProblemHttpResult>> WithdrawAsync(string id, MatchRunStore runs,
        TimeProvider time, CancellationToken ct) => ToHttp(await PublishMatchRun.WithdrawAsync(id, runs, time, ct));

    private static Results<Ok<PublishOutcome.Published>, NotFound, ProblemHttpResult> ToHttp(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published p => TypedResults.Ok(p),
        PublishOutcome.Refused r => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot do that to this run", detail: r.Reason),
        _ => TypedResults.NotFound(),
    };
}
