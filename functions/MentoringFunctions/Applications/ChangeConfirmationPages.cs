using System.Globalization;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Pages;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Security;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public sealed record ConfirmChangePage(string Title, string Heading, string Token, string CohortName,
    IReadOnlyList<ChangedField> Changes, bool Reopens);

/// <summary>
/// The link in the e-mail that confirms a change to an application. The GET shows the change with a button
/// (mail scanners follow links, and must confirm nothing); the POST applies it, once.
/// </summary>
public sealed class ChangeConfirmationPages(LinkTokens tokens, ApplicationChanges changes, CohortRepository cohorts,
    RateLimits limits, RetryBackoff backoff)
{
    private const string Route = "p/confirm-change";

    [Function("ConfirmChangePage")]
    public Task<IResult> ConfirmChangePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, CancellationToken ct)
    {
        var token = req.Query["t"].FirstOrDefault();
        // LinkTokens.Read admits only a link made for exactly this purpose.
        return ParticipationPages.WithClaim(req.HttpContext, tokens, token, ApplicationChanges.Purpose, async claim =>
        {
            var preview = await changes.PreviewAsync(claim, ct);
            if (preview.Outcome != ConfirmOutcome.Confirmed) return await OutcomePageAsync(req.HttpContext, preview.Outcome);
            var name = (await cohorts.GetCachedAsync(claim.Cohort, ct))?.Name ?? claim.Cohort;
            return await PageResults.PageAsync(req.HttpContext, "confirm-change", new ConfirmChangePage(
                "Confirm the change", $"Confirm the change to your application to {name}", token!, name,
                preview.Changes, preview.Reopens));
        });
    }

    [Function("ConfirmChange")]
    public async Task<IResult> ConfirmChange(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req, CancellationToken ct)
    {
        return await ParticipationPages.PostWithClaimAsync(req, limits, tokens, ApplicationChanges.Purpose,
            async (claim, _) => await OutcomePageAsync(req.HttpContext, (await changes.ConfirmAsync(claim, ct)).Outcome), ct);
    }

    private async Task<IResult> OutcomePageAsync(HttpContext http, ConfirmOutcome outcome)
    {
        var (status, heading, message) = outcome switch
        {
            ConfirmOutcome.Confirmed => (StatusCodes.Status200OK, "Change confirmed",
                "Your application is updated. Thank you."),
            ConfirmOutcome.AlreadyConfirmed => (StatusCodes.Status409Conflict, "Already confirmed",
                "This change was confirmed already: there is nothing more to do."),
            ConfirmOutcome.InProgress => (StatusCodes.Status409Conflict, "Being confirmed",
                "This change is being confirmed right now. Reload in a minute to see that it is done."),
            ConfirmOutcome.Overtaken => (StatusCodes.Status409Conflict, "This change is out of date",
                "Your application changed after this change was asked for, so confirming it would undo the newer " +
                "change. Nothing was changed. To change your application, apply again and use the new link."),
            ConfirmOutcome.NotFound => (StatusCodes.Status404NotFound, "Change not found",
                "We have no such change to an application. Open the link straight from the e-mail."),
            ConfirmOutcome.Busy => (StatusCodes.Status503ServiceUnavailable, "Please try again",
                "Your application is being changed by something else at this moment. Nothing was changed: " +
                "go back and press Confirm again in a moment."),
            _ => throw new InvalidOperationException($"Unknown confirmation outcome {outcome}"),
        };
        var page = await PageResults.PageAsync(http, "message", new MessagePage(heading, heading, message), status);
        if (outcome == ConfirmOutcome.Busy)
            http.Response.Headers.RetryAfter =
                ((int)Math.Ceiling(backoff.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return page;
    }
}
