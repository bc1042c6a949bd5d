using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Security;

namespace MentoringFunctions.Pages;

public sealed record ErrorItem(string Field, string Message);

/// <summary>Everything the application form template needs, including what the person typed.</summary>
public sealed record ApplyPage(
    string Title,
    Cohort? Cohort,
    ApplicationInput Values,
    string AvoidText,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<ErrorItem> ErrorList,
    string? Closed,
    IReadOnlyList<Cohort> OpenCohorts,
    IReadOnlyList<string> Capacities);

public sealed record MessagePage(string Title, string Heading, string Message, string? LinkHref = null, string? LinkText = null);

/// <summary>The sign-in form; LocalKey offers the admin key as well, on a local run only.</summary>
public sealed record LoginPage(string Title, string? Error, bool LocalKey = false);

public static class PageResults
{
    private static readonly IReadOnlyList<string> Capacities = ["1", "2", "3", "4", "5"];

    public static async Task<IResult> PageAsync(HttpContext http, string template, object model, int status = StatusCodes.Status200OK)
    {
        var html = await http.RequestServices.GetRequiredService<TemplateRenderer>().RenderAsync($"Pages/{template}.liquid", model);
        if (Admin.AdminUser.Of(http)?.CsrfToken is { } token) html = Admin.Csrf.Inject(html, token);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    public static Task<IResult> LoginAsync(HttpContext http, int status, string? error) =>
        PageAsync(http, "login", new LoginPage("Working group sign-in", error,
            Hosting.LocalHost.IsLocalHost(http.RequestServices.GetRequiredService<IConfiguration>())), status);

    public static Task<IResult> FormAsync(HttpContext http, Cohort cohort, ApplicationInput values,
        IReadOnlyDictionary<string, string[]>? errors = null, int status = StatusCodes.Status200OK, IReadOnlyList<Cohort>? open = null)
    {
        errors ??= new Dictionary<string, string[]>();
        var closed = cohort.ClosedReason(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var page = new ApplyPage(
            errors.Count > 0 ? $"Error: apply to {cohort.Name}" : $"Apply to {cohort.Name}",
            cohort, values, string.Join("\n", values.Avoid),
            errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value)),
            errors.SelectMany(e => e.Value.Select(m => new ErrorItem(e.Key, m))).ToList(),
            closed, open ?? [], Capacities);
        return PageAsync(http, "apply", page, status);
    }

    /// <summary>The browser's view of a submission: the form again with errors, or the thank-you page.</summary>
    public static async Task<IResult> ForSubmissionAsync(HttpContext http, ApplicationInput values, SubmitResult result) => result switch
    {
        // One thank-you page whoever applied, so the redirect says nothing about the address either.
        SubmitResult.Received received => Results.Redirect($"/apply/{received.Cohort.Id}/thanks", false, false),
        SubmitResult.Limited limited => new TooManyRequestsResult(limited.Refusal),
        SubmitResult.Closed closed => await FormAsync(http, closed.Cohort, values, status: StatusCodes.Status409Conflict),
        SubmitResult.Invalid { Cohort: { } cohort } invalid => await FormAsync(http, cohort, values, invalid.Errors, StatusCodes.Status400BadRequest),
        SubmitResult.Invalid invalid => await PageAsync(http, "message",
            new MessagePage("Programme not found", "Programme not found", string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), "/", "See open programmes"),
            StatusCodes.Status404NotFound),
        _ => throw new InvalidOperationException(result.GetType().Name),
    };
}
