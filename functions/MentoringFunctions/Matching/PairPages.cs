using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Pages;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Matching;

/// <summary>The working group's page per published pair: who, when, how it is going; and ending it, kindly.</summary>
public sealed class PairPages(AdminAccess admin, CohortRepository cohorts, MatchRunStore runs, ApplicationRepository applications,
    ParticipationStore participation, EndMatch endMatch, Rematch rematch, AuditLog audit, TimeProvider time)
{
    private const string Pair = "manage/cohorts/{cohort}/pairs/{pair}";

    [Function("PairPage")]
    public Task<IResult> PairPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Pair)] HttpRequest req, string cohort, string pair,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, () => RenderAsync(req, cohort, pair, [], ct));

    /// <summary>Ends the pair with the reason typed; a second post (a double click) changes and sends nothing more.</summary>
    [Function("EndMatchPage")]
    public Task<IResult> EndMatchPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Pair + "/end")] HttpRequest req, string cohort, string pair,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
    {
        var key = pair;
        var read = await Forms.ReadAsync(req, ct);
        if (read.Form is null)
            return await RenderAsync(req, cohort, key, [], ct, read.Error is null ? StatusCodes.Status400BadRequest : read.Status,
                reasonError: read.Error ?? "Use the page's form to end a match.");
        var reason = read["reason"] ?? "";
        var outcome = await endMatch.EndAsync(cohort, key, reason, AuditLog.ActorOf(req.HttpContext), ct);
        // Only the press that ended it is recorded (a double click changes nothing). Ids only, not the typed reason:
        // it may name someone, and the log is not scrubbed when a person is erased (the match keeps the reason).
        if (outcome is EndOutcome.Ended { AlreadyEnded: false, Match: var m })
            await audit.RecordAsync(req.HttpContext, cohort, AuditAction.MatchEnded,
                $"Ended the match of {m.MentorId} and {m.MenteeId}",
                [m.MentorId, m.MenteeId], [$"{m.MentorId}|{m.MenteeId}"], ct);
        return outcome switch
        {
            EndOutcome.NotFound => await NotFoundAsync(req),
            EndOutcome.Invalid invalid => await RenderAsync(req, cohort, key, [], ct, StatusCodes.Status400BadRequest,
                reason, string.Join(" ", invalid.Errors.SelectMany(e => e.Value))),
            EndOutcome.Ended { AlreadyEnded: true } => await RenderAsync(req, cohort, key,
                ["This match had already ended; nothing more was sent."], ct),
            EndOutcome.Ended ended => await RenderAsync(req, cohort, key,
                [$"The match has ended. {Core.Text.Plural.Of(ended.EmailsQueued, "e-mail")} queued to tell {Told(ended.Match)} kindly."], ct),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    });

    /// <summary>A run over the waiting list and the mentors' free places, the running pairs kept; then reviewed as usual.</summary>
    [Function("StartRematchPage")]
    public Task<IResult> StartRematchPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/cohorts/{cohort}/rematch")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
    {
        if (await cohorts.GetAsync(cohort, ct) is null) return await NotFoundAsync(req);
        var outcome = await rematch.StartAsync(cohort, ct);
        if (outcome is RequestOutcome.Accepted { Existing: false, Run: var run })
            await audit.RecordAsync(req.HttpContext, cohort, AuditAction.MatchRunStarted,
                $"Started re-match {run.Id} over the waiting list (running pairs of {run.BasedOn} kept)", ct: ct);
        return outcome switch
        {
            RequestOutcome.Accepted a => Results.Redirect($"/manage/match-runs/{a.Run.Id}"),
            RequestOutcome.Invalid invalid => await PageResults.PageAsync(req.HttpContext, "message", new MessagePage(
                "Re-match not started", "Re-match not started", string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
                $"/manage/cohorts/{Uri.EscapeDataString(cohort)}", "Back to the programme"), StatusCodes.Status409Conflict),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    });

    private static string Told(PublishedMatch m) => m.EndReason == EndMatch.WithdrewReason ? "the partner" : "both people";

    private static Task<IResult> NotFoundAsync(HttpRequest req) => PageResults.PageAsync(req.HttpContext, "message",
        new MessagePage("Not found", "Not found", "There is no such pair in this programme.", "/manage", "Back to the cohorts"),
        StatusCodes.Status404NotFound);

    private async Task<IResult> RenderAsync(HttpRequest req, string cohort, string key, IReadOnlyList<string> notices,
        CancellationToken ct, int status = StatusCodes.Status200OK, string reason = "", string reasonError = "")
    {
        if (await cohorts.GetAsync(cohort, ct) is not { Cohort: var found } || await runs.GetMatchAsync(cohort, key, ct) is not { } match)
            return await NotFoundAsync(req);
        var page = Matching.PairPage.Build(found, match, await applications.ListAsync(cohort, ct),
            await participation.FeedbackAsync(cohort, ct), await participation.SessionsAsync(cohort, ct), time.GetUtcNow(), notices,
            reason, reasonError);
        return await PageResults.PageAsync(req.HttpContext, "pair", page, status);
    }
}
