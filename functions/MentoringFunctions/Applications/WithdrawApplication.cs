using MentoringFunctions.Admin;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

public abstract record WithdrawResult
{
    public sealed record NotFound : WithdrawResult;
    public sealed record Withdrawn(CohortApplication Application, bool Already) : WithdrawResult;
    public sealed record Conflict : WithdrawResult;
}

/// <summary>
/// Withdraws an application (kept, marked withdrawn): match runs skip it, publishing leaves it out, and the person's
/// published matches end (each partner is told kindly; the person hears nothing more). The audit entry is written
/// here, the one place both the API and the page withdraw through, and only by the call that withdrew.
/// </summary>
public sealed class WithdrawApplication(ApplicationRepository applications, Matching.EndMatch endMatch, AuditLog audit,
    TimeProvider time)
{
    public async Task<WithdrawResult> HandleAsync(string cohort, string id, HttpContext http, CancellationToken ct)
    {
        var by = AuditLog.ActorOf(http);
        if ((await applications.ListAsync(cohort, ct)).FirstOrDefault(a => a.Id == id) is not { } application)
            return new WithdrawResult.NotFound();
        if (application.Status == ApplicationStatus.Withdrawn)
        {
            // A retry finishes what a first attempt that failed after withdrawing left undone (nothing is sent twice).
            await endMatch.EndForWithdrawalAsync(cohort, id, by, ct);
            return new WithdrawResult.Withdrawn(application, true);
        }
        var withdrawn = await applications.UpdateAsync(application with
        {
            Status = ApplicationStatus.Withdrawn, Version = application.Version + 1, UpdatedAt = time.GetUtcNow(),
            ChangedAsOf = time.GetUtcNow(), LastChange = "",
        }, ct);
        if (withdrawn is null) return new WithdrawResult.Conflict();
        // Recorded before the matches end, so a failure while ending them still leaves the withdrawal in the log.
        await audit.RecordAsync(http, cohort, AuditAction.ApplicationWithdrawn, $"Withdrew application {id}", [id], ct: ct);
        var ended = await endMatch.EndForWithdrawalAsync(cohort, id, by, ct);
        if (ended > 0)
            await audit.RecordAsync(http, cohort, AuditAction.MatchEnded, $"Ended {ended} match(es) of {id}, who withdrew", [id],
                ct: ct);
        return new WithdrawResult.Withdrawn(withdrawn, false);
    }
}
