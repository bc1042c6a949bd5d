using System.Text.Json;
using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;
using MentoringFunctions.Security;
using MentoringFunctions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Applications;

/// <summary>The same for every accepted submission, new address or not.</summary>
public sealed record SubmissionResponse(string Cohort, string Status, string Message);

public static class ApplicationServices
{
    public static IServiceCollection AddApplications(this IServiceCollection services) => services
        .AddSingleton<ApplicationRepository>()
        .AddSingleton<PendingChangeRepository>()
        .AddSingleton<ApplicationChanges>()
        .AddSingleton(new RetryBackoff())
        .AddSingleton<ApplicationEmails>()
        .AddSingleton<SubmitApplication>()
        .AddSingleton<WithdrawApplication>()
        .AddSingleton<ChangeLinks>()
        .AddSingleton<ApplicationEditing>();
}

/// <summary>The public application endpoint, for the HTML form and for JSON clients.</summary>
public sealed class ApplicationFunctions(SubmitApplication submit, RateLimits limits)
{
    /// <summary>
    /// JSON or the HTML form's urlencoded post. A browser (Accept: text/html) gets the page back,
    /// with errors beside the fields, or is redirected to the thank-you page; anything else gets
    /// JSON and RFC 9457 problem details.
    /// </summary>
    [Function("SubmitApplication")]
    public async Task<IResult> SubmitApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications")] HttpRequest request, CancellationToken ct)
    {
        if (limits.Take(RateLimitPolicy.Apply, request) is { } refused) return refused;
        var (submission, unreadable) = await ReadAsync(request, ct);
        if (submission is null) return unreadable!;
        var source = request.HasFormContentType ? "form" : "api";
        if (submission.Errors.Count > 0)
            return WantsHtml(request)
                ? await PageResults.PageAsync(request.HttpContext, "message", new MessagePage("Error: application not read",
                    "We could not read the form", string.Join(" ", submission.Errors.SelectMany(e => e.Value)), "/", "Back to the form"),
                    StatusCodes.Status400BadRequest)
                : TypedResults.ValidationProblem(submission.Errors, title: "The application has fields of the wrong type");
        var result = await submit.HandleAsync(submission.Cohort, submission.Input, source, ct, submission.Trapped);
        return WantsHtml(request)
            ? await PageResults.ForSubmissionAsync(request.HttpContext, submission.Input, result)
            : ToApi(result);
    }

    /// <summary>
    /// The form's own address for its post, so a refused submission comes back where the form was, with the errors
    /// (summary first, focused) and what the person typed; the cohort is the one in the address.
    /// </summary>
    [Function("SubmitApplicationForm")]
    public async Task<IResult> SubmitApplicationForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "apply/{cohort}")] HttpRequest request, string cohort,
        CancellationToken ct)
    {
        if (limits.Take(RateLimitPolicy.Apply, request) is { } refused) return refused;
        var read = await Forms.ReadAsync(request, ct);
        var submission = read.Form is { } form ? ApplicationInputReader.FromForm(form) : null;
        if (submission is null || submission.Errors.Count > 0)
            return await PageResults.PageAsync(request.HttpContext, "message", new MessagePage("Error: application not read",
                "We could not read the form", submission is null ? read.Error ?? "Send the form's fields."
                    : string.Join(" ", submission.Errors.SelectMany(e => e.Value)), $"/apply/{Uri.EscapeDataString(cohort)}",
                "Back to the form"), submission is null && read.Error is not null ? read.Status : StatusCodes.Status400BadRequest);
        var result = await submit.HandleAsync(cohort, submission.Input, "form", ct, submission.Trapped);
        return await PageResults.ForSubmissionAsync(request.HttpContext, submission.Input, result);
    }

    public static Results<Accepted<SubmissionResponse>, ValidationProblem, ProblemHttpResult, TooManyRequestsResult>
        ToApi(SubmitResult result) => result switch
    {
        // No id and no Location: either would tell whoever sent it whether the address had applied before.
        SubmitResult.Received { Cohort: var cohort } => TypedResults.Accepted((string?)null,
            new SubmissionResponse(cohort.Id, "received", Applications.SubmitApplication.Message(cohort))),
        SubmitResult.Limited limited => new TooManyRequestsResult(limited.Refusal),
        SubmitResult.Closed closed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: "Applications are closed", detail: closed.Reason, type: "https://mentoring-functions.org/problems/cohort-closed"),
        SubmitResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors,
            title: "The application has errors", detail: "Each field listed under 'errors' says what to fix."),
        _ => throw new InvalidOperationException(result.GetType().Name),
    };

    /// <summary>
    /// The form's urlencoded post or a JSON object, read within the body limit; an unreadable body (too large,
    /// not UTF-8, a broken form) is answered here, as a page for a browser and problem details otherwise.
    /// </summary>
    private static async Task<(ReadSubmission? Submission, IResult? Unreadable)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var read = await Forms.ReadAsync(request, ct);
            if (read.Form is { } form) return (ApplicationInputReader.FromForm(form), null);
            return (null, WantsHtml(request)
                ? await PageResults.PageAsync(request.HttpContext, "message", new MessagePage("Error: application not read",
                    "We could not read the form", read.Error ?? "", "/", "Back to the form"), read.Status)
                : Forms.Problem(read));
        }
        var (json, problem) = await JsonBody.ReadDocumentAsync(request, ct);
        if (json is null) return (null, problem);
        using (json)
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (ApplicationInputReader.FromJson(json.RootElement), null)
                : (null, JsonBody.Unreadable("$", "The body must be a JSON object of application fields."));
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.HasFormContentType && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
