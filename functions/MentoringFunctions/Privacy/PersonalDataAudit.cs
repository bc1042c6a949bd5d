using MentoringFunctions.Admin;

namespace MentoringFunctions.Privacy;

/// <summary>One erasure or anonymisation as the audit log keeps it: ids only, never the erased name or address.</summary>
public sealed record PrivacyAuditEntry(string Cohort, string Actor, string Action, IReadOnlyList<string> PersonIds,
    DateTimeOffset At, string Detail);

/// <summary>Where erasures are recorded (an interface, so a test can see what the retention pass records).</summary>
public interface IPersonalDataAudit
{
    Task RecordAsync(PrivacyAuditEntry entry, CancellationToken ct);
}

/// <summary>
/// Erasures go to the working group's audit log like every other change. Only ids and the detail (which names nobody)
/// are written: the audit table is append-only and not scrubbed, so an erased name or address must never reach it.
/// </summary>
public sealed class AuditedPersonalData(AuditLog audit) : IPersonalDataAudit
{
    public Task RecordAsync(PrivacyAuditEntry entry, CancellationToken ct) =>
        audit.RecordAsync(entry.Actor, entry.Cohort, AuditAction.PersonErased,
            $"{(entry.Action == "anonymise" ? "Anonymised" : "Erased")} {entry.PersonIds.Count} "
            + $"{(entry.PersonIds.Count == 1 ? "person" : "people")}: {entry.Detail}", entry.PersonIds, ct: ct);
}
