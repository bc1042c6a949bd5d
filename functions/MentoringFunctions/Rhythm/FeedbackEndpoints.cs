using System.Text.Json;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Email;
using MentoringFunctions.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Rhythm;

public sealed record FeedbackPage(string Title, string Token, string Stage, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors);

public sealed record FeedbackAlertMail(string CohortName, string PersonId, string Stage, bool WantsHelp, bool WantsToEnd, string Comments);

/// <summary>The feedback form behind the e-mailed link, and POST /api/feedback (form or JSON with "token").</summary>
public sealed class FeedbackFunctions(LinkTokens tokens, ParticipationStore participation, CohortRepository cohorts,
    EmailTemplates templates, Outbox outbox, TimeProvider time)
{
    [Function("FeedbackPage")]
    public Task<IResult> FeedbackPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/feedback")] HttpRequest req)
    {
        var t = req.Query["t"].FirstOrDefault();
        return ParticipationPages.WithClaim(req.HttpContext, tokens, t, "feedback", claim => PageResults.PageAsync(req.HttpContext,
            "feedback", new FeedbackPage("Feedback", t!, Stage(claim), new Dictionary<string, string>(), new Dictionary<string, string>())));
    }

    [Function("SubmitFeedback")]
    public Task<IResult> SubmitFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/feedback")] HttpRequest req, CancellationToken ct) =>
        SubmitAsync(req.HttpContext, ct);

    private static string Stage(LinkClaim claim) => claim.Purpose.Split(':') is [_, var stage] ? stage : "adhoc";

    private async Task<IResult> SubmitAsync(HttpContext http, CancellationToken ct)
    {
        var html = http.Request.HasFormContentType && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>();
        if (http.Request.HasFormContentType)
            foreach (var (k, v) in await http.Request.ReadFormAsync(ct)) values[k] = v.ToString();
        else
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                    return TypedResults.Problem(statusCode: 400, title: "Unreadable feedback", detail: "The body must be a JSON object of feedback fields.");
                foreach (var p in json.RootElement.EnumerateObject())
                    values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
            catch (JsonException ex)
            {
                return TypedResults.Problem(statusCode: 400, title: "Unreadable feedback", detail: $"The body is not valid JSON: {ex.Message}");
            }
        }
        var token = values.GetValueOrDefault("token") ?? values.GetValueOrDefault("t");
        var (status, claim) = tokens.Read(token, "feedback");
        if (status != TokenStatus.Valid)
            return html
                ? await ParticipationPages.WithClaim(http, tokens, token, "feedback", _ => Task.FromResult(Results.Empty))
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [status == TokenStatus.Expired ? "The link has expired." : "The link is not valid."] },
                    title: "The feedback link is not valid");

        bool Yes(string key) => values.GetValueOrDefault(key) is "yes" or "true" or "on";
        var validated = FeedbackValidator.Validate(new FeedbackInput(values.GetValueOrDefault("overall"), values.GetValueOrDefault("usefulness"),
            values.GetValueOrDefault("relationship"), values.GetValueOrDefault("meetings_held"), values.GetValueOrDefault("hours_spent"),
            values.GetValueOrDefault("wants_to_continue"), Yes("wants_help"), Yes("wants_to_end"), values.GetValueOrDefault("comments")));
        // The stage is the one signed into the link: a mid-point link cannot file a final answer.
        var stage = Stage(claim!);
        if (!validated.IsValid)
            return html
                ? await PageResults.PageAsync(http, "feedback", new FeedbackPage("Error: feedback", token!, stage, values,
                    validated.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value))), StatusCodes.Status400BadRequest)
                : TypedResults.ValidationProblem(validated.Errors, title: "The feedback has errors");

        var f = validated.Value!;
        var stageName = ParticipationStore.ParseStage(stage)!.Value.ToString().ToLowerInvariant();
        await participation.SaveFeedbackAsync(claim!.Cohort, new Feedback(claim.Person, stageName, claim.Match ?? "",
            f.Overall, f.Usefulness, f.Relationship, f.MeetingsHeld, f.HoursSpent, f.WantsToContinue, f.WantsHelp, f.WantsToEnd,
            f.Comments, time.GetUtcNow()), ct);
        if ((f.WantsHelp || f.WantsToEnd) && await cohorts.GetAsync(claim.Cohort, ct) is { Cohort: var cohort })
            foreach (var member in cohort.WorkingGroupEmails)
                await outbox.EnqueueAsync(await templates.ComposeAsync("feedback-alert", cohort.Id, $"feedback-alert/{cohort.Id}/{claim.Person}/{stageName}/{member}",
                    member, "", new FeedbackAlertMail(cohort.Name, claim.Person, stageName, f.WantsHelp, f.WantsToEnd, f.Comments)), ct);
        return html
            ? await PageResults.PageAsync(http, "message", new MessagePage("Thank you", "Thank you for your feedback",
                f.WantsHelp || f.WantsToEnd ? "The working group will be in touch soon." : "It helps the working group make the programme better. You can change your answer from the same link."))
            : TypedResults.Ok(new { status = "saved", stage = stageName });
    }
}
