using MentoringFunctions.Admin;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Matching;

/// <summary>The working group's review of a run: filter and sort the proposals, lock or exclude, re-run, compare, publish.</summary>
public sealed class MatchRunPages(AdminAccess admin, MatchRunStore runs, CohortRepository cohorts, RequestMatchRun request,
    PublishMatchRun publish, WithdrawnMatchEmails withdrawn, MatchRunAudit audit)
{
    private const string Run = "manage/match-runs/{id}";

    [Function("StartMatchRunPage")]
    public Task<IResult> StartMatchRunPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/cohorts/{cohort}/match-runs")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard<IResult>(req, cohort, AdminRole.Organiser, async () =>
            await cohorts.GetAsync(cohort, ct) is null ? await NotFoundPage(req, "No such programme.")
            : await Start(req, cohort, new MatchRunRequest(null, [], [], null), ct) is RequestOutcome.Accepted a
                ? Results.Redirect($"/manage/match-runs/{a.Run.Id}")
                : Results.Redirect($"/manage/cohorts/{cohort}"));

    [Function("ReviewMatchRun")]
    public Task<IResult> ReviewMatchRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Run)] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Reviewer, () => RenderAsync(id, req, [], ct));

    /// <summary>Checked "lock" boxes become the new run's locks (unchecking frees a pair); checked "exclude" boxes are added to its excludes.</summary>
    [Function("RerunMatchRun")]
    public Task<IResult> RerunMatchRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Run + "/rerun")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Organiser, async () =>
        {
            if (await runs.GetAsync(id, ct) is not { } run) return await NotFoundPage(req, "No such run.");
            // The review page always posts its form, even with every box unticked; anything else is not from it.
            var read = await Forms.ReadAsync(req, ct);
            if (read.Form is not { } form)
                return await RenderAsync(id, req, [read.Error ?? "Use the page's Re-run button: the request carried no form."], ct,
                    read.Error is null ? StatusCodes.Status400BadRequest : read.Status);
            static IReadOnlyList<PairRef>? Pairs(IEnumerable<string?> values)
            {
                var pairs = values.Select(v => (v ?? "").Split('|')).ToList();
                return pairs.All(p => p is [{ Length: > 0 }, { Length: > 0 }]) ? pairs.Select(p => new PairRef(p[0], p[1])).ToList() : null;
            }
            if ((Pairs(form["lock"]), Pairs(form["exclude"])) is not ({ } locks, { } excludes))
                return await RenderAsync(id, req, ["A ticked pair is not one of this run's pairs."], ct, StatusCodes.Status400BadRequest);
            if (MatchRunTicks.Contradictions(locks, excludes, run, await runs.ReadResultAsync(run, ct)) is { Count: > 0 } both)
                return await RenderAsync(id, req, both, ct, StatusCodes.Status400BadRequest, MatchRunTicks.Of(locks, excludes));
            var previous = MatchSettingsJson.Parse(run.SettingsJson).Settings ?? MatchSettings.Default;
            var settings = previous with { Locks = locks, Excludes = [.. previous.Excludes.Concat(excludes).Distinct()] };
            var outcome = await Start(req, run.Cohort, new MatchRunRequest(settings, [], [], run.Id), ct);
            return outcome is RequestOutcome.Accepted a
                ? Results.Redirect($"/manage/match-runs/{a.Run.Id}")
                : await RenderAsync(id, req, ((RequestOutcome.Invalid)outcome).Errors.SelectMany(e => e.Value).ToList(), ct,
                    StatusCodes.Status400BadRequest);
        });

    [Function("PublishMatchRunPage")]
    public Task<IResult> PublishMatchRunPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Run + "/publish")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Organiser, async () =>
            await UnconfirmedAsync(req, id, await Forms.ReadAsync(req, ct), "publishing", ct) is { } ask ? ask
            : await RenderAsync(id, req, Notices(await audit.PublishedAsync(req.HttpContext, await publish.PublishAsync(id, ct), ct)), ct));

    [Function("WithdrawMatchRunPage")]
    public Task<IResult> WithdrawMatchRunPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Run + "/withdraw")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Organiser, async () =>
        {
            var form = await Forms.ReadAsync(req, ct);
            if (await UnconfirmedAsync(req, id, form, "withdrawing", ct) is { } ask) return ask;
            var outcome = await audit.PublishedAsync(req.HttpContext, await publish.WithdrawAsync(id, ct), ct);
            var notices = Notices(outcome);
            if (outcome is PublishOutcome.Published p && form["tell"] == "yes")
                notices = [.. notices, $"{await withdrawn.TellAsync(p.Run, ct)} people told by e-mail that their introduction is withdrawn."];
            return await RenderAsync(id, req, notices, ct);
        });

    /// <summary>
    /// Only the confirmation page's form says "confirmed"; anything else posting here (an old page, a stray or
    /// replayed request) publishes or withdraws nothing and is pointed to that page (the same address, by GET).
    /// </summary>
    private async Task<IResult?> UnconfirmedAsync(HttpRequest req, string id, FormRead form, string step, CancellationToken ct) =>
        await runs.GetAsync(id, ct) is null ? await NotFoundPage(req, "No such run.")
        : form["confirmed"] == "yes" ? null
        : await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Confirm first", "Confirm first",
            $"Nothing was done: {step} asks for confirmation first.", req.Path.Value, "See who it would e-mail"),
            StatusCodes.Status400BadRequest);

    [Function("CompareMatchRunsPage")]
    public Task<IResult> CompareMatchRunsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Run + "/compare")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Reviewer, async () =>
            req.Query["other"].FirstOrDefault() is { } other && await MatchRunFunctions.CompareRunsAsync(id, other, runs, ct) is { } comparison
                ? await PageResults.PageAsync(req.HttpContext, "match-compare", await ComparePage.BuildAsync(comparison, runs, ct))
                : await NotFoundPage(req, "Choose two computed runs of one programme to compare."));

    private async Task<RequestOutcome> Start(HttpRequest req, string cohort, MatchRunRequest run, CancellationToken ct) =>
        await audit.StartedAsync(req.HttpContext, cohort, run, await request.HandleAsync(cohort, run, null, ct), ct);

    private static IReadOnlyList<string> Notices(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published { Run.Status: RunStatus.Withdrawn } p =>
            [$"Withdrawn: {p.Matches} matches marked withdrawn. You can publish another run now."],
        PublishOutcome.Published p => [$"Published: {p.Matches} matches; {p.EmailsQueued} e-mails queued.", .. p.Warnings],
        PublishOutcome.Refused r => [r.Reason],
        PublishOutcome.NotFound => ["No such run."],
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    private static Task<IResult> NotFoundPage(HttpRequest req, string message) => PageResults.PageAsync(req.HttpContext, "message",
        new MessagePage("Not found", "Not found", message, "/manage", "Back to the cohorts"), StatusCodes.Status404NotFound);

    private async Task<IResult> RenderAsync(string id, HttpRequest req, IReadOnlyList<string> notices, CancellationToken ct,
        int status = StatusCodes.Status200OK, (IReadOnlySet<string>, IReadOnlySet<string>)? ticks = null)
    {
        if (await runs.GetAsync(id, ct) is not { } run) return await NotFoundPage(req, "No such run.");
        var cohort = await cohorts.GetAsync(run.Cohort, ct);
        var settings = MatchSettingsJson.Parse(run.SettingsJson).Settings ?? MatchSettings.Default;
        var page = MatchRunPage.Build(run, cohort?.Cohort.Name ?? run.Cohort, await runs.ReadResultAsync(run, ct),
            settings, PairFilter.From(req.Query), await runs.ListAsync(run.Cohort, ct),
            status == StatusCodes.Status200OK ? notices : [], status == StatusCodes.Status200OK ? [] : notices, ticks);
        return await PageResults.PageAsync(req.HttpContext, "match-run", page, status);
    }
}
