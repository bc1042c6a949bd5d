using MentoringFunctions.Admin;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Cohorts;

/// <summary>
/// The working group's cohort form: create (blank, or next year's copy of a cohort) and edit. A form with errors comes
/// back from the address it was sent to, with an error summary and each field's message, and nothing is stored.
/// </summary>
public sealed class CohortPages(AdminAccess admin, CohortSetup setup, CohortRepository cohorts, AuditLog audit)
{
    private const string New = "manage/new-cohort";

    [Function("NewCohortPage")]
    public Task<IResult> NewCohortPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = New)] HttpRequest req, CancellationToken ct) =>
        admin.Guard(req, AdminGuard.AppWide, AdminRole.Organiser, async () =>
        {
            var from = req.Query["from"].ToString();
            var (fields, source) = await setup.NewFormAsync(from, ct);
            if (fields is null) return await NotFoundAsync(req, from);
            return await RenderNewAsync(req, fields, null, StatusCodes.Status200OK, source is null ? null
                : $"Copied from {source.Name}: the settings, topics and regions, with every date a year later. " +
                  "Enter the new working group's e-mail addresses. No applications are copied.");
        });

    [Function("CreateCohortPage")]
    public Task<IResult> CreateCohortPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = New)] HttpRequest req, CancellationToken ct) =>
        admin.Guard(req, AdminGuard.AppWide, AdminRole.Organiser, async () =>
        {
            var (fields, error) = await ReadAsync(req, ct);
            if (error is not null) return await RenderNewAsync(req, fields, error, StatusCodes.Status400BadRequest);
            return await setup.CreateAsync(fields, ct) switch
            {
                SetupOutcome.Saved saved => await AuditLog.After(audit.RecordAsync(req.HttpContext, saved.Cohort.Id,
                    AuditAction.CohortCreated, $"Created {saved.Cohort.Name}",
                    saved.Cohort.WorkingGroupEmails.Concat(saved.Cohort.ReviewerEmails), ct: ct),
                    Results.Redirect($"/manage/cohorts/{saved.Cohort.Id}")),
                SetupOutcome.Invalid invalid => await RenderNewAsync(req, fields, invalid.Errors, StatusCodes.Status400BadRequest),
                SetupOutcome.Conflict conflict => await RenderNewAsync(req, fields, new Dictionary<string, string[]>
                {
                    ["id"] = [$"A cohort with the short name '{conflict.Cohort.Id}' already exists: choose another."],
                }, StatusCodes.Status409Conflict),
                var other => throw new InvalidOperationException(other.GetType().Name),
            };
        });

    [Function("EditCohortPage")]
    public Task<IResult> EditCohortPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/edit")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
            await cohorts.GetAsync(cohort, ct) is { } found
                ? await RenderEditAsync(req, found.Cohort, Core.Cohorts.CohortForm.Fields(found.Cohort), found.ETag.ToString("H"))
                : await NotFoundAsync(req, cohort));

    [Function("SaveCohortPage")]
    public Task<IResult> SaveCohortPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/cohorts/{cohort}/edit")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
        {
            if (await cohorts.GetAsync(cohort, ct) is not { } found) return await NotFoundAsync(req, cohort);
            var (fields, error) = await ReadAsync(req, ct);
            var etag = fields.TryGetValue("etag", out var sent) ? sent : "";
            if (error is not null) return await RenderEditAsync(req, found.Cohort, fields, etag, error, StatusCodes.Status400BadRequest);
            return await setup.UpdateAsync(cohort, fields, ct) switch
            {
                SetupOutcome.Saved saved => await AuditLog.After(EditedAsync(req, found.Cohort, saved.Cohort, ct),
                    Results.Redirect($"/manage/cohorts/{cohort}")),
                SetupOutcome.Invalid invalid => await RenderEditAsync(req, found.Cohort, fields, etag, invalid.Errors,
                    StatusCodes.Status400BadRequest),
                // The form keeps the version it was opened on, so pressing Save again cannot overwrite the other change.
                SetupOutcome.Conflict => await RenderEditAsync(req, found.Cohort, fields, etag, null, StatusCodes.Status409Conflict,
                    "Someone else changed this cohort after you opened this form, so your changes were not saved. " +
                    "Open the current version, then make your changes again."),
                SetupOutcome.Missing => await NotFoundAsync(req, cohort),
                var other => throw new InvalidOperationException(other.GetType().Name),
            };
        });

    // The same words and people as the API's edit, so the log reads alike whichever way the cohort was changed.
    private Task EditedAsync(HttpRequest req, Core.Cohorts.Cohort before, Core.Cohorts.Cohort after, CancellationToken ct)
    {
        var (summary, people) = CohortChanges.Describe(before, after);
        return audit.RecordAsync(req.HttpContext, after.Id, AuditAction.CohortEdited, summary, people, ct: ct);
    }

    private static async Task<(Dictionary<string, string> Fields, IReadOnlyDictionary<string, string[]>? Error)> ReadAsync(
        HttpRequest req, CancellationToken ct)
    {
        var form = await Forms.ReadAsync(req, ct);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form.Form ?? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)[])
            fields[key] = value.ToString();
        if (form.Error is not null) return (fields, new Dictionary<string, string[]> { ["name"] = [form.Error] });
        return (fields, form.Missing ? new Dictionary<string, string[]> { ["name"] = ["Send the cohort form."] } : null);
    }

    private static Task<IResult> RenderNewAsync(HttpRequest req, IReadOnlyDictionary<string, string> fields,
        IReadOnlyDictionary<string, string[]>? errors, int status, string? notice = null) =>
        PageResults.PageAsync(req.HttpContext, "cohort-form", CohortFormModel.Build("New cohort", "Set up a new cohort",
            "/" + New, "/manage", "Working group", "", fields, errors, withId: true, notice), status);

    private static Task<IResult> RenderEditAsync(HttpRequest req, Core.Cohorts.Cohort cohort, IReadOnlyDictionary<string, string> fields,
        string etag, IReadOnlyDictionary<string, string[]>? errors = null, int status = StatusCodes.Status200OK, string? conflict = null) =>
        PageResults.PageAsync(req.HttpContext, "cohort-form", CohortFormModel.Build($"Settings of {cohort.Name}",
            $"Settings of {cohort.Name}", $"/manage/cohorts/{cohort.Id}/edit", $"/manage/cohorts/{cohort.Id}", cohort.Name, etag,
            fields, errors, withId: false, conflict: conflict), status);

    private static Task<IResult> NotFoundAsync(HttpRequest req, string id) =>
        PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Cohort not found", "Cohort not found",
            $"There is no cohort '{id}'.", "/manage", "Working group"), StatusCodes.Status404NotFound);
}
