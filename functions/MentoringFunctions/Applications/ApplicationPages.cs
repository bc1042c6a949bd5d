using MentoringFunctions.Admin;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Applications;

public sealed record ApplicationPage(string Title, Cohort Cohort, ApplicationView Application, ApplicationInput Values,
    string AvoidText, string Etag, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<ErrorItem> ErrorList,
    IReadOnlyList<string> Capacities, IReadOnlyList<NamedPair> Matches, string? Notice, bool Wide = true);

/// <summary>
/// One application for the working group: everything the person entered, notes and avoid list, with a form to
/// correct it and a withdraw step. A refused save answers on the form's own URL, errors first and focused.
/// </summary>
public sealed class ApplicationPages(AdminAccess admin, ApplicationEditing editing, WithdrawApplication withdraw, MatchRunStore runs,
    AuditLog audit)
{
    private const string One = "manage/cohorts/{cohort}/applications/{id}";
    private static readonly IReadOnlyList<string> Capacities = ["1", "2", "3", "4", "5"];

    [Function("ApplicationPage")]
    public Task<IResult> ApplicationPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = One)] HttpRequest req, string cohort, string id, CancellationToken ct) =>
        admin.Guard(req, cohort, AdminRole.Reviewer, async () => await editing.FindAsync(cohort, id, ct) is var (c, a)
            ? await RenderAsync(req, "admin-application", c, a, ApplicationEditing.InputOf(a.Application), null, null, ct)
            : await NotFoundAsync(req));

    [Function("EditApplicationPage")]
    public Task<IResult> EditApplicationPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = One)] HttpRequest req, string cohort, string id, CancellationToken ct) =>
        admin.Guard(req, cohort, AdminRole.Organiser, async () =>
        {
            var read = await Forms.ReadAsync(req, ct);
            if (read.Form is not { } form)
                return await editing.FindAsync(cohort, id, ct) is var (c0, a0)
                    ? await RenderAsync(req, "admin-application", c0, a0, ApplicationEditing.InputOf(a0.Application),
                        new Dictionary<string, string[]> { ["form"] = [read.Error ?? "Use the page's Save button: no form arrived."] },
                        null, ct, read.Error is null ? StatusCodes.Status400BadRequest : read.Status)
                    : await NotFoundAsync(req);
            var input = ApplicationInputReader.FromForm(form).Input;
            return await editing.SaveAsync(cohort, id, input, form["etag"].ToString(), ct) switch
            {
                EditOutcome.Saved s => await AuditLog.After(EditedAsync(req, s, ct), await RenderAsync(req, "admin-application",
                    s.Cohort, s.Application, ApplicationEditing.InputOf(s.Application.Application), null,
                    s.Changed ? $"Saved: version {s.Application.Version}." : "Nothing changed.", ct)),
                EditOutcome.Invalid i => await RenderAsync(req, "admin-application", i.Cohort, i.Current, input, i.Errors, null, ct,
                    StatusCodes.Status400BadRequest),
                EditOutcome.Conflict c => await RenderAsync(req, "admin-application", c.Cohort, c.Current,
                    ApplicationEditing.InputOf(c.Current.Application), new Dictionary<string, string[]>
                    {
                        ["form"] = ["Someone changed this application since you opened it. This is it as it is now: make your changes again."],
                    }, null, ct, StatusCodes.Status409Conflict),
                EditOutcome.NotFound => await NotFoundAsync(req),
                var other => throw new InvalidOperationException(other.GetType().Name),
            };
        });

    [Function("ConfirmWithdrawApplicationPage")]
    public Task<IResult> ConfirmWithdrawApplicationPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = One + "/withdraw")] HttpRequest req, string cohort, string id,
        CancellationToken ct) =>
        admin.Guard(req, cohort, AdminRole.Organiser, async () => await editing.FindAsync(cohort, id, ct) is var (c, a)
            ? await RenderAsync(req, "admin-application-withdraw", c, a, ApplicationEditing.InputOf(a.Application), null, null, ct)
            : await NotFoundAsync(req));

    [Function("WithdrawApplicationPage")]
    public Task<IResult> WithdrawApplicationPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = One + "/withdraw")] HttpRequest req, string cohort, string id,
        CancellationToken ct) =>
        admin.Guard(req, cohort, AdminRole.Organiser, async () =>
        {
            // Only the confirmation's own form withdraws; anything else is pointed to it (the same address, by GET).
            if (await editing.FindAsync(cohort, id, ct) is null) return await NotFoundAsync(req);
            if ((await Forms.ReadAsync(req, ct))["confirmed"] != "yes")
                return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Confirm first", "Confirm first",
                    "Nothing was done: withdrawing asks for confirmation first.", req.Path.Value, "See what it does"),
                    StatusCodes.Status400BadRequest);
            var notice = await withdraw.HandleAsync(cohort, id, req.HttpContext, ct) switch
            {
                WithdrawResult.Withdrawn { Already: true } => "This application was already withdrawn.",
                WithdrawResult.Withdrawn => "Withdrawn: match runs leave this person out from now on.",
                WithdrawResult.Conflict => "The application changed meanwhile; nothing was withdrawn. Try again.",
                WithdrawResult.NotFound => null,
                var other => throw new InvalidOperationException(other.GetType().Name),
            };
            return notice is not null && await editing.FindAsync(cohort, id, ct) is var (c, a)
                ? await RenderAsync(req, "admin-application", c, a, ApplicationEditing.InputOf(a.Application), null, notice, ct)
                : await NotFoundAsync(req);
        });

    // The id, never the name or address: the log is not scrubbed when the person is erased later.
    private Task EditedAsync(HttpRequest req, EditOutcome.Saved saved, CancellationToken ct) => saved.Changed
        ? audit.RecordAsync(req.HttpContext, saved.Cohort.Id, AuditAction.ApplicationEdited,
            $"Edited application {saved.Application.Id} (version {saved.Application.Version})", [saved.Application.Id], ct: ct)
        : Task.CompletedTask;

    private async Task<IResult> RenderAsync(HttpRequest req, string template, Cohort cohort, CohortApplication application,
        ApplicationInput values, IReadOnlyDictionary<string, string[]>? errors, string? notice, CancellationToken ct,
        int status = StatusCodes.Status200OK)
    {
        errors ??= new Dictionary<string, string[]>();
        var matches = (await runs.ListMatchesAsync(cohort.Id, ct))
            .Where(m => m.Status == MatchStatus.Introduced && (m.MentorId == application.Id || m.MenteeId == application.Id))
            .Select(m => new NamedPair(m.MentorId, m.MentorName, m.MenteeId, m.MenteeName)).ToList();
        var title = $"{(errors.Count > 0 ? "Error: " : "")}{application.Name}: application to {cohort.Name}";
        return await PageResults.PageAsync(req.HttpContext, template, new ApplicationPage(title, cohort,
            ApplicationView.From(application), values, string.Join("\n", values.Avoid), application.ETag.ToString(),
            errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value)),
            errors.SelectMany(e => e.Value.Select(m => new ErrorItem(e.Key, m))).ToList(), Capacities, matches, notice), status);
    }

    private static Task<IResult> NotFoundAsync(HttpRequest req) => PageResults.PageAsync(req.HttpContext, "message",
        new MessagePage("Not found", "Not found", "No such application.", "/manage", "Back to the cohorts"),
        StatusCodes.Status404NotFound);
}
