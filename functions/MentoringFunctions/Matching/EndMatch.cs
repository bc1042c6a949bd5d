using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

/// <summary>The e-mail to one person of a pair that has ended: no reason, so it blames neither side.</summary>
public sealed record MatchEndedMail(string CohortName, string Name, string Partner, bool WasMentor, string WorkingGroupEmail);

public abstract record EndOutcome
{
    public sealed record NotFound : EndOutcome;
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : EndOutcome;
    public sealed record Ended(PublishedMatch Match, int EmailsQueued, bool AlreadyEnded) : EndOutcome;
}

/// <summary>
/// Ends a published pair during the programme: the match is marked Ended (reason, date, who), so the rhythm stops
/// writing to the pair, and each of the two who is still in the programme gets one kind e-mail. The e-mails'
/// keys name the match and the person, so ending again (a retry, a double click) queues nothing more.
/// </summary>
public sealed class EndMatch(MatchRunStore runs, CohortRepository cohorts, ApplicationRepository applications,
    EmailTemplates templates, Outbox outbox, TimeProvider time)
{
    public const int MaxReasonLength = 500;
    public const string WithdrewReason = "withdrew";

    public static IReadOnlyDictionary<string, string[]>? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? new Dictionary<string, string[]> { ["reason"] = ["Say why the match ends (a few words)."] }
        : reason.Trim().Length > MaxReasonLength
            ? new Dictionary<string, string[]> { ["reason"] = [$"Keep the reason under {MaxReasonLength} characters."] }
            : null;

    public async Task<EndOutcome> EndAsync(string cohort, string key, string? reason, string by, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { Cohort: var found }) return new EndOutcome.NotFound();
        if (CheckReason(reason) is { } errors) return new EndOutcome.Invalid(errors);
        // A few tries: a check-in through a link may update the same match at the same moment (ETag conflict).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await runs.GetMatchAsync(cohort, key, ct) is not { } match) return new EndOutcome.NotFound();
            if (match.Status == MatchStatus.Withdrawn)
                return new EndOutcome.Invalid(new Dictionary<string, string[]>
                {
                    ["pair"] = ["This pair was withdrawn with its match run; it is not running, so there is nothing to end."],
                });
            if (match.Status == MatchStatus.Ended)
                return new EndOutcome.Ended(match, await NotifyAsync(found, match, ct), AlreadyEnded: true);
            var ended = match with
            {
                Status = MatchStatus.Ended, EndedAt = time.GetUtcNow(), EndReason = reason!.Trim(), EndedBy = by,
            };
            if (await runs.TryReplaceMatchAsync(ended, ct) == WriteOutcome.Done)
                return new EndOutcome.Ended(ended, await NotifyAsync(found, ended, ct), AlreadyEnded: false);
        }
        return new EndOutcome.Invalid(new Dictionary<string, string[]>
        {
            ["pair"] = ["The pair changed while ending it; try again (nothing is sent twice)."],
        });
    }

    /// <summary>
    /// Ends every running match of a person who withdrew (as mentor or mentee), telling each partner. Safe to repeat:
    /// a withdrawal retried after a failure ends what is left and sends what was not sent.
    /// </summary>
    public async Task<int> EndForWithdrawalAsync(string cohort, string personId, string by, CancellationToken ct)
    {
        var ended = 0;
        foreach (var match in (await runs.ListMatchesAsync(cohort, ct))
                     .Where(m => (m.MentorId == personId || m.MenteeId == personId) && m.Status != MatchStatus.Withdrawn))
            if (await EndAsync(cohort, match.Key, WithdrewReason, by, ct) is EndOutcome.Ended { AlreadyEnded: false }) ended++;
        return ended;
    }

    /// <summary>Both people, except anyone whose application is withdrawn: they asked to hear nothing more.</summary>
    private async Task<int> NotifyAsync(Cohort cohort, PublishedMatch match, CancellationToken ct)
    {
        var withdrawn = (await applications.ListAsync(cohort.Id, ct)).Where(a => a.Status == ApplicationStatus.Withdrawn)
            .Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var queued = 0;
        foreach (var (id, email, name, partner, wasMentor) in new[]
                 {
                     (match.MentorId, match.MentorEmail, match.MentorName, match.MenteeName, true),
                     (match.MenteeId, match.MenteeEmail, match.MenteeName, match.MentorName, false),
                 })
        {
            if (withdrawn.Contains(id)) continue;
            var message = await templates.ComposeAsync(EmailKind.MatchEnded, cohort.Id,
                EmailKinds.Key(EmailKind.MatchEnded, cohort.Id, match.Key, id), email, name,
                new MatchEndedMail(cohort.Name, name, partner, wasMentor, cohort.WorkingGroupEmails.FirstOrDefault() ?? ""));
            if (await outbox.EnqueueAsync(message, ct)) queued++;
        }
        return queued;
    }
}
