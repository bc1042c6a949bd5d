using MentoringFunctions.Pages;

namespace MentoringFunctions.Admin;

/// <summary>
/// The single choke point of every admin function: who is asking (401 without a session or, on the API, the key),
/// whether a signed-in member's form is their own (403 without the session's anti-forgery token), and whether
/// their role in the cohort allows the action (403 otherwise). Pages get pages; the API gets problem details.
/// </summary>
public static class AdminGuard
{
    /// <summary>The cohort of an app-wide page (the dashboard, the cohort list): none.</summary>
    public const string? AppWide = null;

    /// <summary>
    /// Runs the handler for a member with at least <paramref name="role"/> in the cohort. A null cohort is an
    /// app-wide page: any member may read it (the handler lists only the cohorts they may see), and only an
    /// organiser of every cohort may change anything through it.
    /// </summary>
    public static Task<IResult> Guard<T>(this AdminAccess access, HttpRequest request, string? cohort, AdminRole role,
        Func<Task<T>> handler) where T : IResult =>
        access.Guard(request, () => Task.FromResult(cohort), role, handler, appWide: cohort is null);

    /// <summary>For routes named by something else (a match run): the cohort is looked up once the caller is known.</summary>
    public static Task<IResult> Guard<T>(this AdminAccess access, HttpRequest request, Func<Task<string?>> cohortOf,
        AdminRole role, Func<Task<T>> handler) where T : IResult =>
        access.Guard(request, cohortOf, role, handler, appWide: false);

    private static async Task<IResult> Guard<T>(this AdminAccess access, HttpRequest request, Func<Task<string?>> cohortOf,
        AdminRole role, Func<Task<T>> handler, bool appWide) where T : IResult
    {
        var http = request.HttpContext;
        var page = request.Path.StartsWithSegments("/manage");
        if (await access.UserAsync(http, http.RequestAborted) is not { } user)
            return page
                ? await PageResults.LoginAsync(http, StatusCodes.Status401Unauthorized, null)
                : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required",
                    detail: $"Send the working group's key in the {AdminAccess.Header} header.");
        if (!await Csrf.IsValidAsync(request, user))
            return await Forbidden(http, page, "This form is out of date",
                "The form was not sent from this sign-in. Go back, reload the page and try again.");
        var allowed = appWide
            ? role == AdminRole.Reviewer || user.AllCohorts
            : await cohortOf() is { } id && await access.CohortAsync(id, http.RequestAborted) is { } cohort
                ? user.May(cohort, role)
                : user.AllCohorts;   // nothing by that name: only those who could see it anyway learn so
        if (!allowed)
            return await Forbidden(http, page, "Not allowed",
                role == AdminRole.Organiser
                    ? "Your sign-in does not allow this: it needs an organiser of this programme."
                    : "Your sign-in does not give access to this programme.");
        user.Attach(http);
        return await handler();
    }

    private static async Task<IResult> Forbidden(HttpContext http, bool page, string title, string detail) => page
        ? await PageResults.PageAsync(http, "message", new MessagePage(title, title, detail, "/manage", "Back to the cohorts"),
            StatusCodes.Status403Forbidden)
        : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail);
}
