using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Pages;
using MentoringFunctions.Security;

namespace MentoringFunctions.Rhythm;

public sealed record LinkPage(string Title, string Token, string Heading, string Message, string? Answer = null,
    int? TotalMinutes = null, IReadOnlyDictionary<string, string>? Errors = null, IReadOnlyDictionary<string, string>? Values = null);

/// <summary>
/// The pages behind links in e-mails. A GET only shows a page with a button: mail scanners open
/// links, and must not answer for anyone. The POST records (idempotently) and thanks.
/// </summary>
public sealed class ParticipationPages(LinkTokens tokens, Participation participation, RateLimits limits)
{
    private const string Unsubscribing =
        "You will get no more nudges, feedback requests or lunch invitations. Messages about your match itself still reach you.";

    [Function("CheckInPage")]
    public Task<IResult> CheckInPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/checkin")] HttpRequest req) =>
        ShowAsync(req, "checkin", "checkin", t => new LinkPage("Check in", t, "Have you met?", "",
            req.Query["answer"].FirstOrDefault() == "not-yet" ? "not-yet" : "met"));

    [Function("CheckIn")]
    public async Task<IResult> CheckIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "p/checkin")] HttpRequest req, CancellationToken ct)
    {
        return await PostWithClaimAsync(req, limits, tokens, "checkin", async (claim, form) =>
        {
            if (form["answer"] is not (null or "met" or "not-yet"))
                return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Error: check in", "Not an answer",
                    "Answer with the buttons on the page: we have met, or not yet."), StatusCodes.Status400BadRequest);
            var met = form["answer"] != "not-yet";
            await participation.CheckInAsync(claim, met, ct);
            return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Thank you", "Thank you", met
                ? "Great to hear you have met. We will stop asking about a first meeting."
                : "Thanks for letting us know. If something is in the way, reply to our e-mail and we will help."));
        }, ct);
    }

    [Function("UnsubscribePage")]
    public Task<IResult> UnsubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/unsubscribe")] HttpRequest req) =>
        ShowAsync(req, "unsubscribe", "unsubscribe", t => new LinkPage("Unsubscribe", t, "Stop reminders and invitations?", Unsubscribing));

    [Function("Unsubscribe")]
    public async Task<IResult> Unsubscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "p/unsubscribe")] HttpRequest req, CancellationToken ct)
    {
        if (limits.Take(RateLimitPolicy.Links, req) is { } refused) return refused;
        // RFC 8058 one-click: the mail program POSTs to the List-Unsubscribe URL (token in the query).
        var token = req.Query["t"].FirstOrDefault();
        if (token is null)
        {
            var form = await Forms.ReadAsync(req, ct);
            if (form.Error is not null) return await UnreadableAsync(req.HttpContext, form);
            token = form["t"];
        }
        return await WithClaim(req.HttpContext, tokens, token, "unsubscribe", async claim =>
        {
            await participation.UnsubscribeAsync(claim, ct);
            return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Unsubscribed", "You are unsubscribed",
                "You will get no more reminders or invitations. Messages about your match itself still reach you."));
        });
    }

    [Function("HoursPage")]
    public Task<IResult> HoursPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/hours")] HttpRequest req) =>
        ShowAsync(req, "hours", "hours", t => new LinkPage("Log mentoring time", t, "Log a mentoring session", ""));

    [Function("LogHours")]
    public async Task<IResult> LogHours(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "p/hours")] HttpRequest req, CancellationToken ct)
    {
        return await PostWithClaimAsync(req, limits, tokens, "hours", async (claim, form) =>
        {
            var (date, minutes, token) = (form["date"] ?? "", form["minutes"] ?? "", form["t"]!);
            var (errors, logged, total) = await participation.LogSessionAsync(claim, new SessionInput(date, minutes), ct);
            if (logged is null)
                return await PageResults.PageAsync(req.HttpContext, "hours", new LinkPage("Error: log mentoring time", token,
                    "Log a mentoring session", "", Errors: errors, Values: new Dictionary<string, string>
                        { ["date"] = date, ["minutes"] = minutes }), StatusCodes.Status400BadRequest);
            return await PageResults.PageAsync(req.HttpContext, "hours", new LinkPage("Session logged", token, "Session logged",
                $"Logged {logged.Minutes} minutes on {logged.Date:d MMMM yyyy}. Log another below.", TotalMinutes: total));
        }, ct);
    }

    /// <summary>The page a GET on a link shows: a button to press, once the link checks out.</summary>
    private Task<IResult> ShowAsync(HttpRequest req, string purpose, string template, Func<string, LinkPage> page)
    {
        var t = req.Query["t"].FirstOrDefault();
        return WithClaim(req.HttpContext, tokens, t, purpose, _ => PageResults.PageAsync(req.HttpContext, template, page(t!)));
    }

    /// <summary>
    /// The POST behind a link's button: rate-limited per client, the form read within its limits (a broken one gets
    /// a page), then the link in its "t" field checked for <paramref name="purpose"/> before anything is recorded.
    /// </summary>
    public static async Task<IResult> PostWithClaimAsync(HttpRequest req, RateLimits limits, LinkTokens tokens,
        string purpose, Func<LinkClaim, FormRead, Task<IResult>> next, CancellationToken ct)
    {
        if (limits.Take(RateLimitPolicy.Links, req) is { } refused) return refused;
        var form = await Forms.ReadAsync(req, ct);
        if (form.Error is not null) return await UnreadableAsync(req.HttpContext, form);
        return await WithClaim(req.HttpContext, tokens, form["t"], purpose, claim => next(claim, form));
    }

    /// <summary>A form too large or broken to read gets a page that says so, with the status that does.</summary>
    public static Task<IResult> UnreadableAsync(HttpContext http, FormRead form) =>
        PageResults.PageAsync(http, "message", new MessagePage("Form not read", "We could not read this form",
            form.Error + " Open the link from the e-mail again and use the page's button."), form.Status);

    /// <summary>A tampered or missing link gets a clear page (400), an expired one says so (410); never a stack trace.</summary>
    public static async Task<IResult> WithClaim(HttpContext http, LinkTokens tokens, string? token, string purpose,
        Func<LinkClaim, Task<IResult>> next)
    {
        var (status, claim) = tokens.Read(token, purpose);
        return status switch
        {
            TokenStatus.Valid => await next(claim!),
            TokenStatus.Expired => await PageResults.PageAsync(http, "message", new MessagePage("Link expired", "This link has expired",
                "Links in our e-mails work for a limited time. Reply to the e-mail and the working group will help."),
                StatusCodes.Status410Gone),
            TokenStatus.Tampered => await PageResults.PageAsync(http, "message", new MessagePage("Link not valid", "This link is not valid",
                "The link is incomplete or has been changed. Open it straight from the e-mail, or reply to the e-mail for help."),
                StatusCodes.Status400BadRequest),
            _ => throw new InvalidOperationException($"Unknown token status {status}"),
        };
    }
}
