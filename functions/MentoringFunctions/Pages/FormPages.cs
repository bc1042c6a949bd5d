using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Pages;

/// <summary>The public pages: the application form (no JavaScript needed) and its thank-you page.</summary>
public sealed class FormPages(CohortRepository cohorts, TimeProvider time, ChangeLinks changeLinks)
{
    /// <summary>
    /// The home page. The route is a catch-all because the Functions host gives an empty route the
    /// function's name; any other path no function claims gets the "not found" page here.
    /// </summary>
    [Function("Home")]
    public async Task<IResult> Home(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequest req, CancellationToken ct)
    {
        if (req.Path.Value is { Length: > 1 })
            return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Page not found", "Page not found",
                "There is no page at this address.", "/", "See open programmes"), StatusCodes.Status404NotFound);
        var now = time.GetUtcNow();
        var all = await cohorts.ListAsync(ct);
        var open = all.Where(c => c.IsOpen(now)).ToList();
        if (open.Count == 1) return await PageResults.FormAsync(req.HttpContext, open[0], new ApplicationInput());
        if (open.Count > 1)
            return await PageResults.PageAsync(req.HttpContext, "choose", new { Title = "Choose a programme", Open = open });
        var next = all.Where(c => c.ClosedReason(now) is { } && c.Today(now) < c.ApplicationsOpen).MinBy(c => c.ApplicationsOpen);
        return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Applications are closed",
            "Applications are closed",
            next is null ? "No mentoring programme is taking applications at the moment." : next.ClosedReason(now)!));
    }

    [Function("ApplyForm")]
    public async Task<IResult> ApplyForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apply/{cohort}")] HttpRequest req, string cohort, CancellationToken ct) =>
        await cohorts.GetAsync(cohort, ct) is { } found
            ? await PageResults.FormAsync(req.HttpContext, found.Cohort,
                await changeLinks.PrefillAsync(found.Cohort.Id, req.Query["t"].FirstOrDefault(), ct) ?? new ApplicationInput())
            : await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Programme not found", "Programme not found",
                $"There is no programme called '{cohort}'.", "/", "See open programmes"), StatusCodes.Status404NotFound);

    [Function("ApplyThanks")]
    public async Task<IResult> ApplyThanks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apply/{cohort}/thanks")] HttpRequest req, string cohort,
        CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found)
            return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Programme not found", "Programme not found",
                "There is no such programme.", "/", "See open programmes"), StatusCodes.Status404NotFound);
        return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Application received",
            "Application received", SubmitApplication.Message(found.Cohort) +
            " To change your application later, use the link in the confirmation e-mail: it opens this form filled in.",
            $"/apply/{found.Cohort.Id}", "Back to the form"));
    }
}
