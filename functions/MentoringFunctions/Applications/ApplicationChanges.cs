using System.Security.Cryptography;
using System.Text;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public enum ConfirmOutcome
{
    Confirmed,
    /// <summary>This change was confirmed before (a second click, a second use of the link).</summary>
    AlreadyConfirmed,
    /// <summary>The application changed after this change was asked for; confirming it would undo the newer one.</summary>
    Overtaken,
    /// <summary>No such change (a link to a change that was never stored).</summary>
    NotFound,
    /// <summary>Another confirmation of it is being written right now.</summary>
    InProgress,
    /// <summary>The application kept changing under every attempt: nothing written, try again shortly.</summary>
    Busy,
}

public sealed record Confirmation(ConfirmOutcome Outcome, PendingChange? Change = null,
    CohortApplication? Application = null);

/// <summary>What confirming would do, for the page a GET on the link shows (it writes nothing).</summary>
public sealed record ChangePreview(ConfirmOutcome Outcome, IReadOnlyList<ChangedField> Changes, bool Reopens);

/// <summary>
/// Applying again with an address that has applied: the proposal waits as a pending change, and only the link
/// e-mailed to the address on file applies it. Whoever typed the address learns nothing and changes nothing.
/// </summary>
public sealed class ApplicationChanges(ApplicationRepository applications, PendingChangeRepository changes,
    ApplicationEmails emails, RetryBackoff backoff, TimeProvider time)
{
    /// <summary>The link's purpose, matched exactly: no other signed link can confirm a change.</summary>
    public const string Purpose = "apply-change";
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);
    /// <summary>A confirmation that claimed a change and then died is taken over after this long.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Keeps the proposal and e-mails the owner a link, once: the same proposal against the same version on the
    /// same day is the same change, with the same e-mail key, so retries and double clicks add nothing.
    /// An identical proposal for an active application changes nothing and sends nothing.
    /// </summary>
    public async Task ProposeAsync(Cohort cohort, CohortApplication existing, Application proposed, string source,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var proposal = proposed with { Id = existing.Id, Email = existing.Email };
        var reopens = existing.Status == ApplicationStatus.Withdrawn;
        var changed = ApplicationChange.Between(existing.Application, proposal);
        if (changed.Count == 0 && !reopens) return;
        var id = ChangeId(proposal, existing.Version, reopens, DateOnly.FromDateTime(now.UtcDateTime));
        var change = new PendingChange(cohort.Id, id, proposal, source, reopens, existing.Version, now,
            now + LinkLifetime, PendingChangeStatus.Pending);
        var resend = 0;
        if (await changes.AddAsync(change, ct) == WriteOutcome.Conflict)
        {
            change = await changes.GetAsync(cohort.Id, proposal.Email, id, ct) ?? change;
            // Only a change still waiting for its owner is worth a new link; a confirmed one says so on its own link.
            if (change.Status != PendingChangeStatus.Pending) return;
            resend = Resend(change.ProposedAt, now);
        }
        await emails.QueueChangeEmailAsync(cohort, existing, change, changed, resend, ct);
    }

    /// <summary>
    /// The same change submitted again after a minute is someone who lost the e-mail (or never got it): it gets the
    /// link again, as e-mail number n, one per minute since the change, so a double click or a client's retry within
    /// the minute still adds nothing. How often is bounded by the form's per-address rate limit.
    /// </summary>
    public static int Resend(DateTimeOffset proposedAt, DateTimeOffset now) =>
        (int)Math.Max(0, Math.Floor((now - proposedAt) / ResendAfter));

    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);

    /// <summary>Confirmed here means "would be applied": the page then offers the button.</summary>
    public async Task<ChangePreview> PreviewAsync(LinkClaim claim, CancellationToken ct)
    {
        if (claim.Match is not { } id || await changes.GetAsync(claim.Cohort, claim.Person, id, ct) is not { } change ||
            await applications.GetAsync(claim.Cohort, claim.Person, ct) is not { } current)
            return new(ConfirmOutcome.NotFound, [], false);
        var outcome = change.Status switch
        {
            PendingChangeStatus.Applied => ConfirmOutcome.AlreadyConfirmed,
            PendingChangeStatus.Overtaken => ConfirmOutcome.Overtaken,
            PendingChangeStatus.Pending or PendingChangeStatus.Applying =>
                (current.ChangedAsOf ?? current.UpdatedAt) > change.ProposedAt
                    ? ConfirmOutcome.Overtaken
                    : ConfirmOutcome.Confirmed,
            _ => throw new InvalidOperationException($"Unknown pending change status {change.Status}"),
        };
        return new(outcome, ApplicationChange.Between(current.Application, change.Proposed),
            change.Reopens && current.Status == ApplicationStatus.Withdrawn);
    }

    public async Task<Confirmation> ConfirmAsync(LinkClaim claim, CancellationToken ct)
    {
        if (claim.Match is not { } id || await changes.GetAsync(claim.Cohort, claim.Person, id, ct) is not { } change)
            return new(ConfirmOutcome.NotFound);
        var now = time.GetUtcNow();
        switch (change.Status)
        {
            case PendingChangeStatus.Applied: return new(ConfirmOutcome.AlreadyConfirmed, change);
            case PendingChangeStatus.Overtaken: return new(ConfirmOutcome.Overtaken, change);
            case PendingChangeStatus.Applying when change.ClaimedAt + ClaimLease > now:
                return new(ConfirmOutcome.InProgress, change);
            case PendingChangeStatus.Pending or PendingChangeStatus.Applying: break;
            default: throw new InvalidOperationException($"Unknown pending change status {change.Status}");
        }
        // The claim makes a double click apply once: the second finds it taken.
        var claimed = await changes.UpdateAsync(change with { Status = PendingChangeStatus.Applying, ClaimedAt = now }, ct);
        if (claimed is null) return new(ConfirmOutcome.InProgress, change);
        return await ApplyAsync(claimed, ct);
    }

    private async Task<Confirmation> ApplyAsync(PendingChange change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await applications.GetAsync(change.Cohort, change.Email, ct) is not { } current)
                return new(ConfirmOutcome.NotFound, change);
            if (current.LastChange == change.Id)   // a confirmation that died after writing it
                return await FinishAsync(change, PendingChangeStatus.Applied, current, ConfirmOutcome.Confirmed, ct);
            if ((current.ChangedAsOf ?? current.UpdatedAt) > change.ProposedAt)
                return await FinishAsync(change, PendingChangeStatus.Overtaken, current, ConfirmOutcome.Overtaken, ct);
            var stored = await applications.UpdateAsync(current with
            {
                Application = change.Proposed with { Id = current.Id }, Version = current.Version + 1,
                Status = change.Reopens ? ApplicationStatus.Active : current.Status, Source = change.Source,
                ConsentedAt = change.ProposedAt, UpdatedAt = time.GetUtcNow(), ChangedAsOf = change.ProposedAt,
                LastChange = change.Id,
            }, ct);
            if (stored is not null)
                return await FinishAsync(change, PendingChangeStatus.Applied, stored, ConfirmOutcome.Confirmed, ct);
            if (attempt >= backoff.MaxAttempts)
            {
                // Released, so the owner's retry (after Retry-After) is not turned away as "in progress".
                await changes.UpdateAsync(change with { Status = PendingChangeStatus.Pending, ClaimedAt = null }, ct);
                return new(ConfirmOutcome.Busy, change);
            }
            await backoff.WaitAsync(attempt, ct);
        }
    }

    private async Task<Confirmation> FinishAsync(PendingChange change, PendingChangeStatus status,
        CohortApplication application, ConfirmOutcome outcome, CancellationToken ct)
    {
        var finished = change with
        {
            Status = status, AppliedVersion = status == PendingChangeStatus.Applied ? application.Version : 0,
        };
        // Lost only to a takeover after the lease, which finds the application already carries this change.
        await changes.UpdateAsync(finished, ct);
        return new(outcome, finished, application);
    }

    public static string ChangeId(Application proposal, int baseVersion, bool reopens, DateOnly day) =>
        "c" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{SaveApplication.Fingerprint(proposal)}\u001e{baseVersion}\u001e{reopens}\u001e{day:yyyy-MM-dd}")))[..15]
            .ToLowerInvariant();
}
