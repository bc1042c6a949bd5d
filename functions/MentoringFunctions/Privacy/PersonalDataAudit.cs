namespace MentoringFunctions.Privacy;

/// <summary>One erasure or anonymisation as the audit log keeps it: ids only, never the erased name or address.</summary>
public sealed record PrivacyAuditEntry(string Cohort, string Actor, string Action, IReadOnlyList<string> PersonIds,
    DateTimeOffset At, string Detail);

/// <summary>
/// Where erasures are recorded. The working group's audit log (issue 12 item 2) implements this when it lands; until
/// then every erasure is written to the app's log (Application Insights in Azure), which nobody can edit from the app.
/// </summary>
public interface IPersonalDataAudit
{
    Task RecordAsync(PrivacyAuditEntry entry, CancellationToken ct);
}

public sealed class LoggedPersonalDataAudit(ILogger<LoggedPersonalDataAudit> logger) : IPersonalDataAudit
{
    public Task RecordAsync(PrivacyAuditEntry entry, CancellationToken ct)
    {
        logger.LogInformation("Audit {Action} in {Cohort} by {Actor} at {At}: {People} ({Detail})", entry.Action, entry.Cohort,
            entry.Actor, entry.At, string.Join(", ", entry.PersonIds), entry.Detail);
        return Task.CompletedTask;
    }
}
