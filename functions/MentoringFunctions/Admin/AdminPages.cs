using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Admin;

public sealed record CohortSummary(Cohort Cohort, int Applications, int Mentors, int Mentees, int Both, bool Open);
public sealed record DashboardPage(string Title, IReadOnlyList<CohortSummary> Cohorts, bool Wide = true);
public sealed record CohortPage(string Title, Cohort Cohort, IReadOnlyList<ApplicationView> Applications, ApplicationFilter Filter,
    string Query, int Total, ImportReport? Report, string? ImportError, IReadOnlyList<Matching.MatchRunEntity> Runs, bool Wide = true);
public sealed record OutboxPage(string Title, IReadOnlyList<OutboxEntity> Emails, string Sender, bool Wide = true);

/// <summary>The working group's pages: sign-in, cohorts, applications with filters, CSV import, sent mail.</summary>
public static class AdminPages
{
    public static IEndpointRouteBuilder MapAdminPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/manage/login", (Delegate)((HttpContext http) => PageResults.LoginAsync(http, StatusCodes.Status200OK, null)));
        app.MapPost("/manage/login", LoginAsync).DisableAntiforgery();
        app.MapPost("/manage/logout", (HttpResponse response) =>
        {
            AdminAccess.SignOut(response);
            return Results.Redirect("/manage/login");
        }).DisableAntiforgery();
        var group = app.MapGroup("/manage").RequireAdmin().DisableAntiforgery();
        group.MapGet("/", DashboardAsync);
        group.MapGet("/cohorts/{cohort}", CohortAsync);
        group.MapPost("/cohorts/{cohort}/import", ImportAsync);
        group.MapGet("/outbox", OutboxAsync);
        return app;
    }

    public static async Task<IResult> LoginAsync(HttpContext http, AdminAccess access, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        if (!access.CheckKey(form["key"].ToString()))
            return await PageResults.LoginAsync(http, StatusCodes.Status401Unauthorized,
                access.IsConfigured ? "That key is not right." : "Admin access is not set up: set Admin:Key in the app's configuration.");
        access.SignIn(http.Response);
        return Results.Redirect("/manage");
    }

    public static async Task<IResult> DashboardAsync(HttpContext http, CohortRepository cohorts, ApplicationRepository applications,
        TimeProvider time, CancellationToken ct)
    {
        var summaries = new List<CohortSummary>();
        foreach (var cohort in await cohorts.ListAsync(ct))
        {
            var apps = (await applications.ListAsync(cohort.Id, ct)).Where(a => a.Status == ApplicationStatus.Active).ToList();
            summaries.Add(new CohortSummary(cohort, apps.Count, apps.Count(a => a.Role == "mentor"),
                apps.Count(a => a.Role == "mentee"), apps.Count(a => a.Role == "both"), cohort.IsOpen(time.GetUtcNow())));
        }
        return await PageResults.PageAsync(http, "admin", new DashboardPage("Working group", summaries));
    }

    public static Task<IResult> CohortAsync(string cohort, HttpContext http, CohortRepository cohorts, ApplicationRepository applications, CancellationToken ct) =>
        RenderCohortAsync(cohort, http, cohorts, applications, null, null, ct);

    public static async Task<IResult> ImportAsync(string cohort, HttpContext http, CohortRepository cohorts, ApplicationRepository applications,
        TimeProvider time, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return Results.NotFound();
        using var reader = await ApplicationAdminEndpoints.CsvReaderFor(http.Request, ct);
        if (reader is null) return await RenderCohortAsync(cohort, http, cohorts, applications, null, "Choose a CSV file to import.", ct);
        var report = await ImportApplications.ImportAsync(found.Cohort, reader, applications, time, ct);
        return await RenderCohortAsync(cohort, http, cohorts, applications, report, report.FileError, ct);
    }

    public static async Task<IResult> OutboxAsync(HttpContext http, Outbox outbox, IEmailSender sender, TimeProvider time, CancellationToken ct) =>
        await PageResults.PageAsync(http, "admin-outbox", new OutboxPage("Outbox (last 7 days, and anything not yet sent)",
            (await outbox.ListRecentAsync(time.GetUtcNow().AddDays(-7), ct)).Take(1000).ToList(),
            sender is PickupDirectoryEmailSender local ? $"Local: e-mails are written as .eml files to {local.Directory}" : "SendGrid"));

    private static async Task<IResult> RenderCohortAsync(string cohort, HttpContext http, CohortRepository cohorts,
        ApplicationRepository applications, ImportReport? report, string? importError, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return Results.NotFound();
        var all = await applications.ListAsync(cohort, ct);
        var filter = ApplicationFilter.From(http.Request.Query);
        var shown = filter.Apply(all).Select(ApplicationView.From).ToList();
        return await PageResults.PageAsync(http, "admin-cohort", new CohortPage($"{found.Cohort.Name}: applications", found.Cohort,
            shown, filter, http.Request.QueryString.Value ?? "", all.Count, report, importError,
            await http.RequestServices.GetRequiredService<Matching.MatchRunStore>().ListAsync(cohort, ct)));
    }
}
