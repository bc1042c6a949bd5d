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
/// published matches end (each partner is told kindly; the person hears nothing more).
/// </summary>
public sealed class WithdrawApplication(ApplicationRepository applications, Matching.EndMatch endMatch, TimeProvider time)
{
    public async Task<WithdrawResult> HandleAsync(string cohort, string id, CancellationToken ct)
    {
        if ((await applications.ListAsync(cohort, ct)).FirstOrDefault(a => a.Id == id) is not { } application)
            return new WithdrawResult.NotFound();
        if (application.Status == ApplicationStatus.Withdrawn)
        {
            // A retry finishes what a first attempt that failed after withdrawing left undone (nothing is sent twice).
            await endMatch.EndForWithdrawalAsync(cohort, id, Matching.EndMatch.WorkingGroup, ct);
            return new WithdrawResult.Withdrawn(application, true);
        }
        var withdrawn = await applications.UpdateAsync(application with
        {
            Status = ApplicationStatus.Withdrawn, Version = application.Version + 1, UpdatedAt = time.GetUtcNow(),
            ChangedAsOf = time.GetUtcNow(), LastChange = "",
        }, ct);
        if (withdrawn is not null) await endMatch.EndForWithdrawalAsync(cohort, id, Matching.EndMatch.WorkingGroup, ct);
        return withdrawn is null ? new WithdrawResult.Conflict() : new WithdrawResult.Withdrawn(withdrawn, false);
    }
}
