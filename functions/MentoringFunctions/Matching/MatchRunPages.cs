using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

/// <summary>The working group's review of a run: filter and sort the proposals, lock or exclude, re-run, compare, publish.</summary>
public static class MatchRunPages
{
    public static IEndpointRouteBuilder MapMatchRunPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/manage").RequireAdmin().DisableAntiforgery();
        group.MapPost("/cohorts/{cohort}/match-runs", StartAsync);
        group.MapGet("/match-runs/{id}", ReviewAsync);
        group.MapPost("/match-runs/{id}/rerun", RerunAsync);
        group.MapPost("/match-runs/{id}/publish", PublishAsync);
        group.MapPost("/match-runs/{id}/withdraw", WithdrawAsync);
        group.MapGet("/match-runs/{id}/compare", CompareAsync);
        return app;
    }

    public static async Task<IResult> StartAsync(string cohort, MatchRunStore runs, ApplicationRepository applications, QueueClientFactory queues,
        TimeProvider time, CancellationToken ct) =>
        await RequestMatchRun.HandleAsync(cohort, new MatchRunRequest(null, [], [], null), null, runs, applications, queues, time, ct) is RequestOutcome.Accepted a
            ? Results.Redirect($"/manage/match-runs/{a.Run.RowKey}")
            : Results.Redirect($"/manage/cohorts/{cohort}");

    public static Task<IResult> ReviewAsync(string id, HttpContext http, MatchRunStore runs, CohortRepository cohorts, CancellationToken ct) =>
        RenderAsync(id, http, runs, cohorts, [], ct);

    /// <summary>Checked "lock" boxes become the new run's locks (unchecking frees a pair); checked "exclude" boxes are added to its excludes.</summary>
    public static async Task<IResult> RerunAsync(string id, HttpContext http, MatchRunStore runs, ApplicationRepository applications, CohortRepository cohorts,
        QueueClientFactory queues, TimeProvider time, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run) return Results.NotFound();
        var form = await http.Request.ReadFormAsync(ct);
        static IReadOnlyList<PairRef> Pairs(IEnumerable<string?> values) =>
            values.Select(v => (v ?? "").Split('|')).Where(p => p.Length == 2).Select(p => new PairRef(p[0], p[1])).ToList();
        var previous = MatchSettingsJson.Parse(run.SettingsJson).Settings ?? MatchSettings.Default;
        var settings = previous with { Locks = Pairs(form["lock"]), Excludes = [.. previous.Excludes.Concat(Pairs(form["exclude"])).Distinct()] };
        var outcome = await RequestMatchRun.HandleAsync(run.Cohort, new MatchRunRequest(settings, [], [], run.RowKey), null, runs, applications, queues, time, ct);
        return outcome is RequestOutcome.Accepted a
            ? Results.Redirect($"/manage/match-runs/{a.Run.RowKey}")
            : await RenderAsync(id, http, runs, cohorts, ((RequestOutcome.Invalid)outcome).Errors.SelectMany(e => e.Value).ToList(), ct);
    }

    public static async Task<IResult> PublishAsync(string id, HttpContext http, MatchRunStore runs, ApplicationRepository applications,
        CohortRepository cohorts, MatchEmails emails, TimeProvider time, CancellationToken ct) =>
        await RenderAsync(id, http, runs, cohorts, Notices(await PublishMatchRun.PublishAsync(id, runs, applications, cohorts, emails, time, ct)), ct);

    public static async Task<IResult> WithdrawAsync(string id, HttpContext http, MatchRunStore runs, CohortRepository cohorts, TimeProvider time, CancellationToken ct) =>
        await RenderAsync(id, http, runs, cohorts, Notices(await PublishMatchRun.WithdrawAsync(id, runs, time, ct)), ct);

    public static async Task<IResult> CompareAsync(string id, string? other, HttpContext http, MatchRunStore runs, CancellationToken ct) =>
        other is not null && await MatchRunEndpoints.CompareRunsAsync(id, other, runs, ct) is { } comparison
            ? await PageResults.PageAsync(http, "match-compare", new { Title = "Compare runs", Comparison = comparison })
            : Results.Redirect($"/manage/match-runs/{id}");

    private static IReadOnlyList<string> Notices(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published { Run.Status: RunStatus.Withdrawn } p => [$"Withdrawn: {p.Matches} matches marked withdrawn. You can publish another run now."],
        PublishOutcome.Published p => [$"Published: {p.Matches} matches; {p.EmailsQueued} e-mails queued.", .. p.Warnings],
        PublishOutcome.Refused r => [r.Reason],
        _ => ["No such run."],
    };

    private static async Task<IResult> RenderAsync(string id, HttpContext http, MatchRunStore runs, CohortRepository cohorts, IReadOnlyList<string> notices, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run) return Results.NotFound();
        var cohort = await cohorts.GetAsync(run.Cohort, ct);
        var settings = MatchSettingsJson.Parse(run.SettingsJson).Settings ?? MatchSettings.Default;
        var page = MatchRunPage.Build(run, cohort?.Cohort.Name ?? run.Cohort, await runs.ReadResultAsync(run, ct), settings,
            PairFilter.From(http.Request.Query), await runs.ListAsync(run.Cohort, ct), notices);
        return await PageResults.PageAsync(http, "match-run", page);
    }
}
