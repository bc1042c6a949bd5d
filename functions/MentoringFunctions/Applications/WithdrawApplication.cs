using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

public abstract record WithdrawResult
{
    public sealed record NotFound : WithdrawResult;
    public sealed record Withdrawn(CohortApplication Application, bool Already) : WithdrawResult;
    public sealed record Conflict : WithdrawResult;
}

/// <summary>Withdraws an application (kept, marked withdrawn): match runs skip it and publishing leaves it out.</summary>
public sealed class WithdrawApplication(ApplicationRepository applications, TimeProvider time)
{
    public async Task<WithdrawResult> HandleAsync(string cohort, string id, CancellationToken ct)
    {
        if ((await applications.ListAsync(cohort, ct)).FirstOrDefault(a => a.Id == id) is not { } application)
            return new WithdrawResult.NotFound();
        if (application.Status == ApplicationStatus.Withdrawn) return new WithdrawResult.Withdrawn(application, true);
        var withdrawn = await applications.UpdateAsync(application with
        {
            Status = ApplicationStatus.Withdrawn, Version = application.Version + 1, UpdatedAt = time.GetUtcNow(),
            ChangedAsOf = time.GetUtcNow(), LastChange = "",
        }, ct);
        return withdrawn is null ? new WithdrawResult.Conflict() : new WithdrawResult.Withdrawn(withdrawn, false);
    }
}
