using MentoringFunctions.Cohorts;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Storage;
using Schedule = MentoringFunctions.Core.Rhythm.ProgrammeRhythm;

namespace MentoringFunctions.Rhythm;

public sealed record LinkPage(string Title, string Token, string Heading, string Message, string? Answer = null, int? TotalMinutes = null,
    IReadOnlyDictionary<string, string>? Errors = null, IReadOnlyDictionary<string, string>? Values = null);

/// <summary>
/// The pages behind links in e-mails. A GET only shows a page with a button: mail scanners open
/// links, and must not answer for anyone. The POST records (idempotently) and thanks.
/// </summary>
public sealed class ParticipationPages(LinkTokens tokens, MatchRunStore runs, CohortRepository cohorts, ParticipationStore participation,
    TimeProvider time)
{
    [Function("CheckInPage")]
    public Task<IResult> CheckInPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/checkin")] HttpRequest req)
    {
        var t = req.Query["t"].FirstOrDefault();
        var answer = req.Query["answer"].FirstOrDefault() == "not-yet" ? "not-yet" : "met";
        return WithClaim(req.HttpContext, tokens, t, "checkin", _ => PageResults.PageAsync(req.HttpContext, "checkin",
            new LinkPage("Check in", t!, "Have you met?", "", answer)));
    }

    [Function("CheckIn")]
    public Task<IResult> CheckIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "p/checkin")] HttpRequest req, CancellationToken ct) =>
        CheckInAsync(req.HttpContext, ct);

    [Function("UnsubscribePage")]
    public Task<IResult> UnsubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/unsubscribe")] HttpRequest req)
    {
        var t = req.Query["t"].FirstOrDefault();
        return WithClaim(req.HttpContext, tokens, t, "unsubscribe", _ => PageResults.PageAsync(req.HttpContext, "unsubscribe",
            new LinkPage("Unsubscribe", t!, "Stop reminders and invitations?",
                "You will get no more nudges, feedback requests or lunch invitations. Messages about your match itself still reach you.")));
    }

    [Function("Unsubscribe")]
    public Task<IResult> Unsubscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "p/unsubscribe")] HttpRequest req, CancellationToken ct) =>
        UnsubscribeAsync(req.HttpContext, ct);

    [Function("HoursPage")]
    public Task<IResult> HoursPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/hours")] HttpRequest req)
    {
        var t = req.Query["t"].FirstOrDefault();
        return WithClaim(req.HttpContext, tokens, t, "hours", _ => PageResults.PageAsync(req.HttpContext, "hours",
            new LinkPage("Log mentoring time", t!, "Log a mentoring session", "")));
    }

    [Function("LogHours")]
    public Task<IResult> LogHours(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "p/hours")] HttpRequest req, CancellationToken ct) =>
        HoursAsync(req.HttpContext, ct);

    /// <summary>A tampered link gets a clear page (400), an expired one says so (410); never a stack trace.</summary>
    public static async Task<IResult> WithClaim(HttpContext http, LinkTokens tokens, string? token, string purpose, Func<LinkClaim, Task<IResult>> next)
    {
        var (status, claim) = tokens.Read(token, purpose);
        return status switch
        {
            TokenStatus.Valid => await next(claim!),
            TokenStatus.Expired => await PageResults.PageAsync(http, "message", new MessagePage("Link expired", "This link has expired",
                "Links in our e-mails work for a limited time. Reply to the e-mail and the working group will help."), StatusCodes.Status410Gone),
            _ => await PageResults.PageAsync(http, "message", new MessagePage("Link not valid", "This link is not valid",
                "The link is incomplete or has been changed. Open it straight from the e-mail, or reply to the e-mail for help."), StatusCodes.Status400BadRequest),
        };
    }

    private async Task<IResult> CheckInAsync(HttpContext http, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        return await WithClaim(http, tokens, form["t"], "checkin", async claim =>
        {
            var answer = form["answer"].ToString() == "not-yet" ? "not-yet" : "met";
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (claim.Match is null || await runs.GetMatchAsync(claim.Cohort, claim.Match, ct) is not { } match) break;
                var now = time.GetUtcNow();
                match = match with { LastCheckInAt = now, LastCheckInAnswer = answer };
                if (answer == "met" && match.FirstMeetingOn.Length == 0 && await cohorts.GetAsync(claim.Cohort, ct) is { } c)
                    match = match with { FirstMeetingOn = Schedule.LocalDate(now, c.Cohort.TimeZone).ToString("O") };
                if (await runs.TryReplaceMatchAsync(match, ct) == WriteOutcome.Done) break;
            }
            return await PageResults.PageAsync(http, "message", new MessagePage("Thank you", "Thank you",
                answer == "met" ? "Great to hear you have met. We will stop asking about a first meeting." : "Thanks for letting us know. If something is in the way, reply to our e-mail and we will help."));
        });
    }

    private async Task<IResult> UnsubscribeAsync(HttpContext http, CancellationToken ct)
    {
        // RFC 8058 one-click: the mail program POSTs to the List-Unsubscribe URL (token in the query).
        var token = http.Request.Query["t"].FirstOrDefault() ?? (http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct))["t"].ToString() : null);
        return await WithClaim(http, tokens, token, "unsubscribe", async claim =>
        {
            await participation.UnsubscribeAsync(claim.Cohort, claim.Person, time.GetUtcNow(), ct);
            return await PageResults.PageAsync(http, "message", new MessagePage("Unsubscribed", "You are unsubscribed",
                "You will get no more reminders or invitations. Messages about your match itself still reach you."));
        });
    }

    private async Task<IResult> HoursAsync(HttpContext http, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        return await WithClaim(http, tokens, form["t"], "hours", async claim =>
        {
            var errors = new Dictionary<string, string>();
            if (!DateOnly.TryParse(form["date"], out var date) || date > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
                errors["date"] = "Enter the date of the session (not in the future).";
            if (!int.TryParse(form["minutes"], out var minutes) || minutes is < 5 or > 600)
                errors["minutes"] = "Enter the session's length in minutes, from 5 to 600.";
            var values = new Dictionary<string, string> { ["date"] = form["date"].ToString(), ["minutes"] = form["minutes"].ToString() };
            if (errors.Count > 0)
                return await PageResults.PageAsync(http, "hours", new LinkPage("Error: log mentoring time", form["t"]!, "Log a mentoring session", "", Errors: errors, Values: values), StatusCodes.Status400BadRequest);
            await participation.LogSessionAsync(claim.Cohort,
                new Session(claim.Person, claim.Match ?? "", date, minutes, time.GetUtcNow()), ct);
            var total = (await participation.SessionsAsync(claim.Cohort, ct)).Where(s => s.MentorId == claim.Person).Sum(s => s.Minutes);
            return await PageResults.PageAsync(http, "hours", new LinkPage("Session logged", form["t"]!, "Session logged",
                $"Logged {minutes} minutes on {date:d MMMM yyyy}. Log another below.", TotalMinutes: total));
        });
    }
}
