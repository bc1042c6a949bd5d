using System.Text.Json;
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
        .AddSingleton<ImportApplications>();
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
        (string? Cohort, Core.Applications.ApplicationInput Input) submission;
        string source;
        bool trapped;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            (submission, trapped) = (ApplicationInputReader.FromForm(form), ApplicationInputReader.IsTrapped(form));
            source = "form";
        }
        else
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                    return BadBody("The body must be a JSON object of application fields.");
                submission = ApplicationInputReader.FromJson(json.RootElement);
                trapped = ApplicationInputReader.IsTrapped(json.RootElement);
            }
            catch (JsonException ex)
            {
                return BadBody($"The body is not valid JSON: {ex.Message}");
            }
            source = "api";
        }

        var result = await submit.HandleAsync(submission.Cohort, submission.Input, source, ct, trapped);
        return WantsHtml(request)
            ? await PageResults.ForSubmissionAsync(request.HttpContext, submission.Input, result)
            : ToApi(result);
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

    private static ProblemHttpResult BadBody(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable application", detail: detail);

    private static bool WantsHtml(HttpRequest request) =>
        request.HasFormContentType && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
