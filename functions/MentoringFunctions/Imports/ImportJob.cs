using Azure;

namespace MentoringFunctions.Imports;

/// <summary>An import's life: waiting on the queue, being written in batches, then done or failed for good.</summary>
public enum ImportStatus { Queued, Running, Done, Failed }

public static class ImportStatuses
{
    public static bool IsFinished(this ImportStatus status) => status switch
    {
        ImportStatus.Queued or ImportStatus.Running => false,
        ImportStatus.Done or ImportStatus.Failed => true,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown import status"),
    };
}

/// <summary>
/// One uploaded CSV being imported into a cohort. Planned is set once the rows are validated and the plan is
/// stored (Stamp is the time every written row carries); NextBatch is the checkpoint: batches before it are
/// written and counted. ETag is the stored version a guarded write must still find.
/// </summary>
public sealed record ImportJob(
    string Id, string Cohort, string FileName, ImportStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset? LeaseUntil, int Attempts, string FailureReason,
    bool Planned, DateTimeOffset? Stamp, int TotalRows, int Batches, int NextBatch,
    int Added, int Updated, int Unchanged, int Rejected, ETag ETag = default)
{
    public static ImportJob Queued(string id, string cohort, string fileName, DateTimeOffset now) =>
        new(id, cohort, fileName, ImportStatus.Queued, now, null, null, null, 0, "", false, null, 0, 0, 0, 0, 0, 0, 0);

    public int RowsDone => Added + Updated + Unchanged + Rejected;
}

/// <summary>What the queue message carries: which job of which cohort.</summary>
public sealed record ImportRequest(string Cohort, string JobId);

/// <summary>One line of the report: what happened to a row of the file, and why a rejected row was refused.</summary>
public sealed record ImportRow(int Line, string Id, string Email, string Outcome, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>A job as the API shows it; Rows (the per-row report) once it is done.</summary>
public sealed record ImportJobView(
    string Id, string Cohort, string FileName, ImportStatus Status, string FailureReason, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, int Attempts, int TotalRows, int RowsDone,
    int Added, int Updated, int Unchanged, int Rejected, string StatusUrl, string PageUrl, IReadOnlyList<ImportRow>? Rows)
{
    public static string StatusUrlOf(string cohort, string id) => $"/api/cohorts/{cohort}/imports/{id}";
    public static string PageUrlOf(string cohort, string id) => $"/manage/cohorts/{cohort}/imports/{id}";

    public static ImportJobView From(ImportJob j, IReadOnlyList<ImportRow>? rows) => new(
        j.Id, j.Cohort, j.FileName, j.Status, j.FailureReason, j.RequestedAt, j.StartedAt, j.CompletedAt, j.Attempts,
        j.TotalRows, j.RowsDone, j.Added, j.Updated, j.Unchanged, j.Rejected, StatusUrlOf(j.Cohort, j.Id),
        PageUrlOf(j.Cohort, j.Id), rows);
}
