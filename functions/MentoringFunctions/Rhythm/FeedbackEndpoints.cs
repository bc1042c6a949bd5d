using System.Text.Json;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;
using MentoringFunctions.Security;

namespace MentoringFunctions.Rhythm;

public sealed record FeedbackPage(string Title, string Token, string Stage, IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Errors);

/// <summary>The feedback form behind the e-mailed link, and POST /api/feedback (form or JSON with "token").</summary>
public sealed class FeedbackFunctions(LinkTokens tokens, Participation participation, RateLimits limits)
{
    [Function("FeedbackPage")]
    public Task<IResult> FeedbackPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "p/feedback")] HttpRequest req)
    {
        var t = req.Query["t"].FirstOrDefault();
        return ParticipationPages.WithClaim(req.HttpContext, tokens, t, "feedback", claim => PageResults.PageAsync(req.HttpContext,
            "feedback", new FeedbackPage("Feedback", t!, Stage(claim), new Dictionary<string, string>(), new Dictionary<string, string>())));
    }

    /// <summary>A browser posting the form gets pages back; anything else gets JSON and problem details.</summary>
    [Function("SubmitFeedback")]
    public async Task<IResult> SubmitFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/feedback")] HttpRequest req, CancellationToken ct)
    {
        if (limits.Take(RateLimitPolicy.Links, req) is { } refused) return refused;
        var html = req.HasFormContentType && req.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        var (values, unreadable) = await ReadAsync(req, html, ct);
        if (unreadable is not null) return unreadable;
        var token = values.GetValueOrDefault("token") ?? values.GetValueOrDefault("t");
        var (status, claim) = tokens.Read(token, "feedback");
        if (status != TokenStatus.Valid)
            return html
                ? await ParticipationPages.WithClaim(req.HttpContext, tokens, token, "feedback", _ => Task.FromResult(Results.Empty))
                : TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    { ["token"] = [status == TokenStatus.Expired ? "The link has expired." : "The link is not valid."] },
                    title: "The feedback link is not valid");

        bool Yes(string key) => values.GetValueOrDefault(key) is "yes" or "true" or "on";
        var validated = FeedbackValidator.Validate(new FeedbackInput(values.GetValueOrDefault("overall"),
            values.GetValueOrDefault("usefulness"), values.GetValueOrDefault("relationship"), values.GetValueOrDefault("meetings_held"),
            values.GetValueOrDefault("hours_spent"), values.GetValueOrDefault("wants_to_continue"), Yes("wants_help"),
            Yes("wants_to_end"), values.GetValueOrDefault("comments"), Yes("may_quote")));
        // The stage is the one signed into the link: a mid-point link cannot file a final answer.
        var stage = Stage(claim!);
        if (!validated.IsValid)
            return html
                ? await PageResults.PageAsync(req.HttpContext, "feedback", new FeedbackPage("Error: feedback", token!, stage, values,
                    validated.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value))), StatusCodes.Status400BadRequest)
                : TypedResults.ValidationProblem(validated.Errors, title: "The feedback has errors");

        var f = validated.Value!;
        var saved = await participation.SaveFeedbackAsync(claim!, stage, f, ct);
        return html
            ? await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Thank you", "Thank you for your feedback",
                f.WantsHelp || f.WantsToEnd
                    ? "The working group will be in touch soon."
                    : "It helps the working group make the programme better. You can change your answer from the same link."))
            : TypedResults.Ok(new { status = "saved", stage = saved });
    }

    /// <summary>The stage signed into the link; <see cref="LinkTokens.Read"/> lets only known stages through.</summary>
    private static string Stage(LinkClaim claim) => claim.Purpose["feedback:".Length..];

    /// <summary>
    /// The form's fields, or a JSON object's: strings, and numbers and booleans as their JSON text; a list,
    /// an object or a field given twice is named as unreadable. Control characters are the validator's.
    /// </summary>
    private static async Task<(Dictionary<string, string> Values, IResult? Unreadable)> ReadAsync(HttpRequest req, bool html,
        CancellationToken ct)
    {
        var values = new Dictionary<string, string>();
        if (req.HasFormContentType)
        {
            var form = await Forms.ReadAsync(req, ct);
            if (form.Form is null)
                return (values, html ? await ParticipationPages.UnreadableAsync(req.HttpContext, form) : Forms.Problem(form));
            foreach (var (k, v) in form.Form)
                if (v.Count > 1)
                    return (values, Problems.Field(StatusCodes.Status400BadRequest, k, "Give this field once.", "Unreadable feedback"));
                else values[k] = v.ToString();
            return (values, null);
        }
        var (json, problem) = await JsonBody.ReadDocumentAsync(req, ct);
        if (json is null) return (values, problem);
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return (values, JsonBody.Unreadable("$", "The body must be a JSON object of feedback fields."));
            foreach (var p in json.RootElement.EnumerateObject())
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String: values[p.Name] = p.Value.GetString()!; break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False: values[p.Name] = p.Value.GetRawText(); break;
                    case JsonValueKind.Null: break;
                    default: return (values, JsonBody.Unreadable(p.Name, "Must be text, a number or true/false."));
                }
            return (values, null);
        }
    }
}
