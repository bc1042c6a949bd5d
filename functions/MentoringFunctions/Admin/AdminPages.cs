using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Imports;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Admin;

public sealed record CohortSummary(Cohort Cohort, int Applications, int Mentors, int Mentees, int Both, bool Open);
public sealed record DashboardPage(string Title, IReadOnlyList<CohortSummary> Cohorts, bool Wide = true);
public sealed record CohortPage(string Title, Cohort Cohort, IReadOnlyList<ApplicationView> Applications, ApplicationFilter Filter,
    string Query, int Total, string? ImportError, IReadOnlyList<ImportJob> Imports, IReadOnlyList<MatchRun> Runs, bool Wide = true)
{
    public IReadOnlyList<PairSummary> Pairs { get; init; } = [];
}
public sealed record OutboxPage(string Title, IReadOnlyList<OutboxEmail> Emails, string Sender, bool Wide = true);

/// <summary>The working group's pages: sign-in, cohorts, applications with filters, CSV import, sent mail.</summary>
public sealed class AdminPages(AdminAccess admin, CohortRepository cohorts, ApplicationRepository applications,
    StartImport import, ImportJobStore imports, MatchRunStore runs, Outbox outbox, IEmailSender sender, AuditLog audit,
    TimeProvider time)
{
    [Function("Dashboard")]
    public Task<IResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage")] HttpRequest req, CancellationToken ct) =>
        admin.Guard(req, AdminGuard.AppWide, AdminRole.Reviewer, async () =>
        {
            var summaries = new List<CohortSummary>();
            foreach (var cohort in await admin.VisibleCohortsAsync(AdminUser.Of(req.HttpContext)!, ct))
            {
                var apps = (await applications.ListAsync(cohort.Id, ct)).Where(a => a.Status == ApplicationStatus.Active).ToList();
                summaries.Add(new CohortSummary(cohort, apps.Count, apps.Count(a => a.Role == Role.Mentor),
                    apps.Count(a => a.Role == Role.Mentee), apps.Count(a => a.Role == Role.Both), cohort.IsOpen(time.GetUtcNow())));
            }
            return await PageResults.PageAsync(req.HttpContext, "admin", new DashboardPage("Working group", summaries));
        });

    [Function("CohortPage")]
    public Task<IResult> CohortPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, () => RenderCohortAsync(cohort, req, null, ct));

    [Function("ImportPage")]
    public Task<IResult> ImportPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/cohorts/{cohort}/import")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return Results.NotFound();
        var (csv, fileName, unreadable) = await ImportFunctions.ReadUploadAsync(req, ct);
        if (unreadable is not null)
            return await RenderCohortAsync(cohort, req, "The upload could not be read: send one CSV file.", ct,
                unreadable.StatusCode);
        return await import.StartCheckedAsync(found.Cohort, fileName, csv, ct) switch
        {
            StartOutcome.Accepted { Existing: true } accepted => Results.Redirect(ImportJobView.PageUrlOf(cohort, accepted.Job.Id)),
            StartOutcome.Accepted accepted => await AuditLog.After(audit.RecordAsync(req.HttpContext, cohort,
                AuditAction.ImportStarted, $"Import of {fileName} started (job {accepted.Job.Id})", ct: ct),
                Results.Redirect(ImportJobView.PageUrlOf(cohort, accepted.Job.Id))),
            StartOutcome.NeedsConfirmation ask => await PageResults.PageAsync(req.HttpContext, "import-confirm",
                new ImportConfirmPage($"Add topics or regions to {found.Cohort.Name}?", cohort, found.Cohort.Name, ask.Id,
                    ask.FileName, ask.Rows, ask.Unknown)),
            StartOutcome.Refused refused => await RenderCohortAsync(cohort, req,
                csv.Length == 0 ? "Choose a CSV file to import." : refused.Reason, ct, StatusCodes.Status400BadRequest),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    });

    [Function("OutboxPage")]
    public Task<IResult> OutboxPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/outbox")] HttpRequest req, CancellationToken ct) =>
        admin.Guard(req, AdminGuard.AppWide, AdminRole.Organiser, async () => await PageResults.PageAsync(req.HttpContext, "admin-outbox",
            new OutboxPage("Outbox (last 7 days, and anything not yet sent)",
                // Sign-in links stay out of sight: anyone who read one could sign in as its owner.
                (await outbox.ListRecentAsync(time.GetUtcNow().AddDays(-7), ct))
                    .Where(e => e.Kind != EmailKinds.Of(EmailKind.SignInLink).Template).Take(1000).ToList(),
                sender is PickupDirectoryEmailSender local ? $"Local: e-mails are written as .eml files to {local.Directory}" : "SendGrid")));

    private async Task<IResult> RenderCohortAsync(string cohort, HttpRequest req, string? importError, CancellationToken ct,
        int status = StatusCodes.Status200OK)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return Results.NotFound();
        var all = await applications.ListAsync(cohort, ct);
        // The page shows withdrawn applications too unless asked for one status (the API lists active ones by default).
        var filter = ApplicationFilter.From(req.Query) is { Status: null } f ? f with { Status = "all" } : ApplicationFilter.From(req.Query);
        var shown = filter.Apply(all).Select(ApplicationView.From).ToList();
        return await PageResults.PageAsync(req.HttpContext, "admin-cohort", new CohortPage($"{found.Cohort.Name}: applications",
            found.Cohort, shown, filter, req.QueryString.Value ?? "", all.Count, importError,
            (await imports.ListAsync(cohort, ct)).Take(10).ToList(), await runs.ListAsync(cohort, ct))
        {
            Pairs = PairSummary.Of(await runs.ListMatchesAsync(cohort, ct)),
        }, status);
    }
}
