using MentoringFunctions.Admin;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Rhythm;

public sealed record FeedbackReportPage(string Title, Cohort Cohort, string Stage, IReadOnlyList<string> Stages,
    IReadOnlyList<FeedbackRow> Rows, IReadOnlyList<FeedbackRow> Actions, int OpenActions, IReadOnlyList<string> Notices,
    bool Wide = true);

/// <summary>The working group reads a stage's feedback, ticks off the answers that need them, and downloads it all.</summary>
public sealed class FeedbackReportPages(AdminAccess admin, FeedbackReport report, AuditLog audit)
{
    private const string Feedback = "manage/cohorts/{cohort}/feedback";

    [Function("FeedbackReportPage")]
    public Task<IResult> FeedbackReportPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Feedback)] HttpRequest req, string cohort, CancellationToken ct) =>
        admin.Guard(req, cohort, AdminRole.Reviewer, () => RenderAsync(req, cohort, req.Query["stage"].FirstOrDefault(), [], ct));

    [Function("FeedbackReportCsv")]
    public Task<IResult> FeedbackReportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Feedback + ".csv")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard<IResult>(req, cohort, AdminRole.Reviewer, async () =>
    {
        if (FeedbackReport.StageOf(req.Query["stage"].FirstOrDefault()) is not { } stage)
            return Problems.Field(StatusCodes.Status400BadRequest, "stage", "Must be midpoint, final or adhoc.", "Unknown stage");
        if (await report.RowsAsync(cohort, stage, ct) is not { } found) return Results.NotFound();
        return TypedResults.File(FeedbackReport.Csv(found.Rows, stage), "text/csv; charset=utf-8", $"{cohort}-feedback-{stage}.csv");
    });

    /// <summary>Marks one answer's action open or done, then redirects to the page, so reloading repeats nothing.</summary>
    [Function("FeedbackActionPage")]
    public Task<IResult> FeedbackActionPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Feedback + "/actions")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
    {
        var read = await Forms.ReadAsync(req, ct);
        if (read.Form is null)
            return await RenderAsync(req, cohort, null, [read.Error ?? "Use the page's buttons to mark an action."], ct,
                read.Error is null ? StatusCodes.Status400BadRequest : read.Status);
        var stage = read["stage"];
        var outcome = await report.SetActionAsync(cohort, read["person"], stage, read["state"], read["etag"],
            AuditLog.ActorOf(req.HttpContext), ct);
        // Done means the form's person, stage and state were checked and written, so they are safe to record.
        if (outcome is ActionOutcome.Done)
            await audit.RecordAsync(req.HttpContext, cohort, AuditAction.FeedbackHandled,
                $"Marked the {stage} feedback action {read["state"]}", [read["person"]!], ct: ct);
        return outcome switch
        {
            ActionOutcome.Done => Results.Redirect(
                $"/manage/cohorts/{Uri.EscapeDataString(cohort)}/feedback?stage={Uri.EscapeDataString(stage!)}#actions"),
            ActionOutcome.NotFound => Results.NotFound(),
            ActionOutcome.Conflict => await RenderAsync(req, cohort, stage,
                ["Someone changed this action meanwhile; this is how it stands now. Mark it again if you need to."], ct,
                StatusCodes.Status409Conflict),
            ActionOutcome.Invalid invalid => await RenderAsync(req, cohort, FeedbackReport.StageOf(stage) is null ? null : stage,
                invalid.Errors.SelectMany(e => e.Value).ToList(), ct, StatusCodes.Status400BadRequest),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    });

    private async Task<IResult> RenderAsync(HttpRequest req, string cohort, string? askedStage, IReadOnlyList<string> notices,
        CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        if (FeedbackReport.StageOf(askedStage) is not { } stage)
            return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Unknown stage", "Unknown stage",
                "The stage must be midpoint, final or adhoc.", $"/manage/cohorts/{Uri.EscapeDataString(cohort)}/feedback",
                "See the mid-point feedback"), StatusCodes.Status400BadRequest);
        if (await report.RowsAsync(cohort, stage, ct) is not { } found) return Results.NotFound();
        var actions = found.Rows.Where(r => r.IsAction).ToList();
        return await PageResults.PageAsync(req.HttpContext, "feedback-report", new FeedbackReportPage(
            $"{found.Cohort.Name}: {stage} feedback", found.Cohort, stage, FeedbackReport.Stages, found.Rows, actions,
            actions.Count(a => a.Action == ActionState.Open), notices), status);
    }
}
