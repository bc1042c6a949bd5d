using System.Text.Json;
using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Privacy;

public sealed record ErasePersonView(string Id, string Name, string Email, string Role);

public sealed record ErasePersonPage(string Title, Cohort Cohort, ErasePersonView? Person, int Matches, int Emails, bool Done,
    string Heading, string Message);

/// <summary>Personal data rights for the working group: one person's data as JSON, and erasing it (API and pages).</summary>
public sealed class PrivacyFunctions(AdminAccess admin, CohortRepository cohorts, ExportPersonalData export,
    ErasePersonalData erase, ApplicationRepository applications, MatchRunStore runs, PersonalDataTables tables)
{
    private const string Api = "api/cohorts/{cohort}/applications/{id}";
    private const string Manage = "manage/cohorts/{cohort}/applications/{id}";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [Function("ExportPersonData")]
    public Task<IResult> ExportPersonData(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Api + "/personal-data")] HttpRequest req, string cohort,
        string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
            await export.ExportAsync(cohort, id, ct) is { } data ? Results.Json(data, Json) : TypedResults.NotFound());

    [Function("ManageExportPersonData")]
    public Task<IResult> ManageExportPersonData(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Manage + "/export.json")] HttpRequest req, string cohort,
        string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
            await export.ExportAsync(cohort, id, ct) is { } data
                ? TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json",
                    $"{cohort}-{id}-personal-data.json")
                : await NotFoundPageAsync(req));

    [Function("ErasePerson")]
    public Task<IResult> ErasePerson(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Api + "/erase")] HttpRequest req, string cohort, string id,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () => await erase.EraseAsync(cohort, id, Actor(req), ct) switch
        {
            EraseOutcome.Erased => Results.Ok(new { id, status = "erased" }),
            EraseOutcome.AlreadyErased => Results.Ok(new { id, status = "alreadyErased" }),
            EraseOutcome.NotFound => TypedResults.NotFound(),
            var other => throw new InvalidOperationException(other.GetType().Name),
        });

    [Function("ErasePersonPage")]
    public Task<IResult> ErasePersonPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Manage + "/erase")] HttpRequest req, string cohort, string id,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, () => ConfirmationAsync(req, cohort, id, StatusCodes.Status200OK, ct));

    [Function("ConfirmErasePerson")]
    public Task<IResult> ConfirmErasePerson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Manage + "/erase")] HttpRequest req, string cohort,
        string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return await NotFoundPageAsync(req);
        var form = await Forms.ReadAsync(req, ct);
        // Only the confirmation page's own button erases: anything else shows the page again and changes nothing.
        if (form["confirm"] != "yes")
            return await ConfirmationAsync(req, cohort, id,
                form.Error is null ? StatusCodes.Status400BadRequest : form.Status, ct);
        return await erase.EraseAsync(cohort, id, Actor(req), ct) switch
        {
            EraseOutcome.Erased => await DoneAsync(req, found.Cohort, "Personal data erased",
                $"Application {id}'s personal data is erased. An anonymous record keeps their place in the figures."),
            EraseOutcome.AlreadyErased => await DoneAsync(req, found.Cohort, "Already erased",
                $"Application {id}'s personal data was already erased; nothing more was changed."),
            EraseOutcome.NotFound => await NotFoundPageAsync(req),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    });

    private async Task<IResult> ConfirmationAsync(HttpRequest req, string cohort, string id, int status, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return await NotFoundPageAsync(req);
        var person = (await applications.ListAsync(cohort, ct)).FirstOrDefault(a => a.Id == id);
        if (person is null) return await NotFoundPageAsync(req);
        if (person.Status == ApplicationStatus.Erased)
            return await DoneAsync(req, found.Cohort, "Already erased",
                $"Application {id}'s personal data was already erased.");
        var matches = (await runs.ListMatchesAsync(cohort, ct)).Count(m => m.MentorId == id || m.MenteeId == id);
        var emails = (await tables.EmailsToAsync(cohort, person.Email, ct)).Count;
        return await PageResults.PageAsync(req.HttpContext, "erase-person", new ErasePersonPage(
            $"Erase {person.Name}'s personal data", found.Cohort,
            new ErasePersonView(person.Id, person.Name, person.Email, person.Role.ToText()), matches, emails, false, "", ""),
            status);
    }

    private static Task<IResult> DoneAsync(HttpRequest req, Cohort cohort, string heading, string message) =>
        PageResults.PageAsync(req.HttpContext, "erase-person",
            new ErasePersonPage(heading, cohort, null, 0, 0, true, heading, message));

    private static Task<IResult> NotFoundPageAsync(HttpRequest req) => PageResults.PageAsync(req.HttpContext, "message",
        new MessagePage("Not found", "Not found", "There is no such application in this cohort.", "/manage", "Working group"),
        StatusCodes.Status404NotFound);

    // Who erased: the member Guard let in (the audit log's own reading of the request), or "api-key" for automation.
    private static string Actor(HttpRequest req) => AuditLog.ActorOf(req.HttpContext);
}

/// <summary>The public privacy notice (per cohort with ?cohort=), and the daily retention pass.</summary>
public sealed class PrivacyNoticeFunctions(CohortRepository cohorts, PersonalDataRetention retention,
    IOptions<PrivacyOptions> privacy, IOptions<OutboxOptions> outbox, ILogger<PrivacyNoticeFunctions> logger)
{
    [Function("PrivacyNotice")]
    public async Task<IResult> PrivacyNotice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy")] HttpRequest req, CancellationToken ct)
    {
        var id = req.Query["cohort"].ToString();
        // Only a well-formed id is looked up; anything else gets the notice without a programme's details.
        var cohort = id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? await cohorts.GetCachedAsync(id, ct) : null;
        var months = privacy.Value.RetentionMonths;
        var contact = cohort?.WorkingGroupEmails is { Count: > 0 } wg ? wg
            : privacy.Value.ContactEmail is { Length: > 0 } c ? [c] : (IReadOnlyList<string>)[];
        return await PageResults.PageAsync(req.HttpContext, "privacy", new
        {
            Title = "Privacy notice", Cohort = cohort, Months = months, BodyDays = outbox.Value.BodyRetentionDays,
            AnonymiseOn = cohort is null ? (DateOnly?)null : PrivacyOptions.AnonymiseOn(cohort, months),
            WorkingGroup = cohort?.WorkingGroupEmails ?? [], Contact = contact,
        });
    }

    [Function("PersonalDataRetention")]
    public async Task PersonalDataRetention([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken ct)
    {
        foreach (var line in await retention.RunAsync(ct)) logger.LogInformation("Retention {Line}", line);
    }
}
