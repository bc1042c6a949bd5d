using MentoringFunctions.Admin;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Matching;

/// <summary>The working group's review of a run: filter and sort the proposals, lock or exclude, re-run, compare, publish.</summary>
public sealed class MatchRunPages(AdminAccess admin, MatchRunStore runs, CohortRepository cohorts, RequestMatchRun request,
    PublishMatchRun publish)
{
    private const string Run = "manage/match-runs/{id}";

    [Function("StartMatchRunPage")]
    public Task<IResult> StartMatchRunPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/cohorts/{cohort}/match-runs")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, async () =>
            await request.HandleAsync(cohort, new MatchRunRequest(null, [], [], null), null, ct) is RequestOutcome.Accepted a
                ? Results.Redirect($"/manage/match-runs/{a.Run.Id}")
                : Results.Redirect($"/manage/cohorts/{cohort}"));

    [Function("ReviewMatchRun")]
    public Task<IResult> ReviewMatchRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Run)] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, () => RenderAsync(id, req, [], ct));

    /// <summary>Checked "lock" boxes become the new run's locks (unchecking frees a pair); checked "exclude" boxes are added to its excludes.</summary>
    [Function("RerunMatchRun")]
    public Task<IResult> RerunMatchRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Run + "/rerun")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, async () =>
        {
            if (await runs.GetAsync(id, ct) is not { } run) return Results.NotFound();
            var form = await req.ReadFormAsync(ct);
            static IReadOnlyList<PairRef> Pairs(IEnumerable<string?> values) =>
                values.Select(v => (v ?? "").Split('|')).Where(p => p.Length == 2).Select(p => new PairRef(p[0], p[1])).ToList();
            var previous = MatchSettingsJson.Parse(run.SettingsJson).Settings ?? MatchSettings.Default;
            var settings = previous with
            {
                Locks = Pairs(form["lock"]), Excludes = [.. previous.Excludes.Concat(Pairs(form["exclude"])).Distinct()],
            };
            var outcome = await request.HandleAsync(run.Cohort, new MatchRunRequest(settings, [], [], run.Id), null,
                ct);
            return outcome is RequestOutcome.Accepted a
                ? Results.Redirect($"/manage/match-runs/{a.Run.Id}")
                : await RenderAsync(id, req, ((RequestOutcome.Invalid)outcome).Errors.SelectMany(e => e.Value).ToList(), ct);
        });

    [Function("PublishMatchRunPage")]
    public Task<IResult> PublishMatchRunPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Run + "/publish")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, async () => await RenderAsync(id, req, Notices(await publish.PublishAsync(id, ct)), ct));

    [Function("WithdrawMatchRunPage")]
    public Task<IResult> WithdrawMatchRunPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Run + "/withdraw")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, async () => await RenderAsync(id, req, Notices(await publish.WithdrawAsync(id, ct)), ct));

    [Function("CompareMatchRunsPage")]
    public Task<IResult> CompareMatchRunsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Run + "/compare")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, async () =>
            req.Query["other"].FirstOrDefault() is { } other && await MatchRunFunctions.CompareRunsAsync(id, other, runs, ct) is { } comparison
                ? await PageResults.PageAsync(req.HttpContext, "match-compare", new { Title = "Compare runs", Comparison = comparison })
                : Results.Redirect($"/manage/match-runs/{id}"));

    private static IReadOnlyList<string> Notices(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published { Run.Status: RunStatus.Withdrawn } p =>
            [$"Withdrawn: {p.Matches} matches marked withdrawn. You can publish another run now."],
        PublishOutcome.Published p => [$"Published: {p.Matches} matches; {p.EmailsQueued} e-mails queued.", .. p.Warnings],
        PublishOutcome.Refused r => [r.Reason],
        PublishOutcome.NotFound => ["No such run."],
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    private async Task<IResult> RenderAsync(string id, HttpRequest req, IReadOnlyList<string> notices, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run) return Results.NotFound();
        var cohort = await cohorts.GetAsync(run.Cohort, ct);
        var settings = MatchSettingsJson.Parse(run.SettingsJson).Settings ?? MatchSettings.Default;
        var page = MatchRunPage.Build(run, cohort?.Cohort.Name ?? run.Cohort, await runs.ReadResultAsync(run, ct),
            settings, PairFilter.From(req.Query), await runs.ListAsync(run.Cohort, ct), notices);
        return await PageResults.PageAsync(req.HttpContext, "match-run", page);
    }
}
