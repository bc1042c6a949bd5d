using MentoringFunctions.Admin;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Matching;

/// <summary>
/// The steps before the run page's two buttons that reach people: each says who gets which e-mail, and only its own
/// form (which carries "confirmed") publishes or withdraws.
/// </summary>
public sealed class MatchRunConfirmPages(AdminAccess admin, PublishPreview preview, MatchRunAudit audit)
{
    private const string Run = "manage/match-runs/{id}";

    [Function("ConfirmPublishPage")]
    public Task<IResult> ConfirmPublishPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Run + "/publish")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Organiser, async () => await preview.ForPublishAsync(id, ct) is { } page
            ? await PageResults.PageAsync(req.HttpContext, "match-publish", page)
            : await NotFoundAsync(req));

    [Function("ConfirmWithdrawPage")]
    public Task<IResult> ConfirmWithdrawPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Run + "/withdraw")] HttpRequest req, string id, CancellationToken ct) =>
        admin.Guard(req, audit.CohortOf(id, ct), AdminRole.Organiser, async () => await preview.ForWithdrawAsync(id, ct) is { } page
            ? await PageResults.PageAsync(req.HttpContext, "match-withdraw", page)
            : await NotFoundAsync(req));

    private static Task<IResult> NotFoundAsync(HttpRequest req) => PageResults.PageAsync(req.HttpContext, "message",
        new MessagePage("Not found", "Not found", "No such run.", "/manage", "Back to the cohorts"), StatusCodes.Status404NotFound);
}
