using System.Globalization;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Security;

/// <summary>
/// A 429 with Retry-After: a page for a browser (Accept: text/html), RFC 9457 problem details for
/// anything else. Rendered when executed, so a function can return it as it returns any result.
/// </summary>
public sealed class TooManyRequestsResult(RateLimitRefusal refusal) : IResult
{
    public const string ProblemType = "https://mentoring-functions.org/problems/rate-limited";

    public RateLimitRefusal Refusal => refusal;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var (title, detail) = Describe(refusal.Policy, Wait(refusal.RetryAfterSeconds));
        var result = http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? await PageResults.PageAsync(http, "message", new MessagePage(title, title, detail),
                StatusCodes.Status429TooManyRequests)
            : TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail,
                type: ProblemType);
        await result.ExecuteAsync(http);
    }

    private static (string Title, string Detail) Describe(RateLimitPolicy policy, string wait) => policy switch
    {
        RateLimitPolicy.SignIn => ("Too many sign-in attempts",
            $"There have been too many failed sign-ins from your network. Try again in {wait}."),
        RateLimitPolicy.ApplyAddress => ("Too many applications for this e-mail address",
            "To protect the owner of this address from unwanted e-mail, we accept only a few applications " +
            $"with it in a short time. Try again in {wait}, or reply to your confirmation e-mail."),
        RateLimitPolicy.SignInAddress => ("Too many sign-in links for this address",
            $"We sent this address several sign-in links already: use the newest, or try again in {wait}."),
        _ => ("Too many requests", $"There have been too many requests from your network. Try again in {wait}."),
    };

    private static string Wait(int seconds) =>
        seconds < 60 ? Plural(seconds, "second") : Plural((seconds + 59) / 60, "minute");

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
