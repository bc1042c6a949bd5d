using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Pages;

/// <summary>The public pages: the application form (no JavaScript needed) and its thank-you page.</summary>
public static class FormPages
{
    public static IEndpointRouteBuilder MapFormPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", HomeAsync);
        app.MapGet("/apply/{cohort}", ApplyAsync);
        app.MapGet("/apply/{cohort}/thanks", ThanksAsync);
        return app;
    }

    /// <summary>One open programme: its form. Several: a choice. None: say so, and when the next opens.</summary>
    public static async Task<IResult> HomeAsync(HttpContext http, CohortRepository cohorts, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = await cohorts.ListAsync(ct);
        var open = all.Where(c => c.IsOpen(now)).ToList();
        if (open.Count == 1) return await PageResults.FormAsync(http, open[0], new ApplicationInput());
        if (open.Count > 1) return await PageResults.PageAsync(http, "choose", new { Title = "Choose a programme", Open = open });
        var next = all.Where(c => c.ClosedReason(now) is { } r && c.Today(now) < c.ApplicationsOpen).MinBy(c => c.ApplicationsOpen);
        return await PageResults.PageAsync(http, "message", new MessagePage("Applications are closed", "Applications are closed",
            next is null ? "No mentoring programme is taking applications at the moment." : next.ClosedReason(now)!));
    }

    public static async Task<IResult> ApplyAsync(string cohort, HttpContext http, CohortRepository cohorts, CancellationToken ct) =>
        await cohorts.GetAsync(cohort, ct) is { } found
            ? await PageResults.FormAsync(http, found.Cohort, new ApplicationInput())
            : await PageResults.PageAsync(http, "message", new MessagePage("Programme not found", "Programme not found",
                $"There is no programme called '{cohort}'.", "/", "See open programmes"), StatusCodes.Status404NotFound);

    public static async Task<IResult> ThanksAsync(string cohort, string? status, HttpContext http, CohortRepository cohorts, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return Results.Redirect("/");
        var outcome = Enum.TryParse<SaveOutcome>(status, ignoreCase: true, out var o) ? o : SaveOutcome.Created;
        return await PageResults.PageAsync(http, "message", new MessagePage("Application received",
            outcome == SaveOutcome.Updated ? "Application updated" : "Application received",
            SubmitApplication.Message(outcome, found.Cohort), $"/apply/{found.Cohort.Id}", "Change your application"));
    }
}
