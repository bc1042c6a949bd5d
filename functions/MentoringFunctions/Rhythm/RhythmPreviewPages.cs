using MentoringFunctions.Admin;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Rhythm;

/// <summary>The working group's look ahead: what the daily timer would send on a chosen date, sending nothing.</summary>
public sealed class RhythmPreviewPages(AdminAccess admin, RhythmPreview preview)
{
    [Function("RhythmPreviewPage")]
    public Task<IResult> RhythmPreviewPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/rhythm")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
            await preview.BuildAsync(cohort, req.Query["date"].ToString(), ct) is { } page
                ? await PageResults.PageAsync(req.HttpContext, "rhythm-preview", page,
                    page.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK)
                : Results.NotFound());
}
