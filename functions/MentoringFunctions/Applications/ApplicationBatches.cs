using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

/// <summary>A planned write: insert (no ExpectedETag) or replace the version read when planning.</summary>
public sealed record BatchWrite(CohortApplication Application, string? ExpectedETag);

/// <summary>
/// Writes an import's applications as table transactions (one cohort is one partition; up to 100 per transaction).
/// Inserts and ETag-guarded replaces, never upserts: a form submission that changed a row since the plan is not
/// overwritten blindly. When a transaction fails on a conflict, every row of it is read again and each is judged:
/// already written by this import (a batch committed before a crash), still as planned, or changed by someone else
/// (then re-decided as the form would: added, updated or unchanged). So re-applying a committed batch is harmless.
/// </summary>
public class ApplicationBatches(TableServiceClient tables)
{
    public const int MaxPerTransaction = 100;
    private const int MaxAttempts = 5;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Applications);

    /// <summary>
    /// Writes the batch, one transaction per partition (a cohort's applications span <see cref="ApplicationEntity.Buckets"/>
    /// partitions; the import orders its plan by partition so most batches are one); returns each e-mail's outcome as
    /// it ended: added, updated or unchanged.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyList<BatchWrite> writes,
        CancellationToken ct)
    {
        if (writes.Count > MaxPerTransaction)
            throw new ArgumentException($"At most {MaxPerTransaction} writes per transaction.", nameof(writes));
        var outcomes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var partition in writes.GroupBy(w => ApplicationEntity.PartitionFor(w.Application.Cohort, w.Application.Email)))
            foreach (var (email, outcome) in await WritePartitionAsync(partition.ToList(), ct))
                outcomes[email] = outcome;
        return outcomes;
    }

    private async Task<Dictionary<string, string>> WritePartitionAsync(List<BatchWrite> writes, CancellationToken ct)
    {
        var outcomes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pending = writes.ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            try
            {
                await _table.SubmitTransactionAsync(pending.Select(Action), ct);
                foreach (var w in pending) outcomes[w.Application.Email] = w.ExpectedETag is null ? "added" : "updated";
                return outcomes;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                pending = await ReconsiderAsync(pending, outcomes, ct);
            }
        }
        return outcomes;
    }

    private static TableTransactionAction Action(BatchWrite w) => w.ExpectedETag is null
        ? new TableTransactionAction(TableTransactionActionType.Add, ApplicationEntity.From(w.Application))
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ApplicationEntity.From(w.Application),
            new ETag(w.ExpectedETag));

    private async Task<List<BatchWrite>> ReconsiderAsync(List<BatchWrite> pending, Dictionary<string, string> outcomes,
        CancellationToken ct)
    {
        var stored = await Task.WhenAll(pending.Select(w =>
            _table.FindAsync<ApplicationEntity>(ApplicationEntity.PartitionFor(w.Application.Cohort, w.Application.Email),
                ApplicationEntity.KeyFor(w.Application.Email), ct)));
        var next = new List<BatchWrite>();
        for (var i = 0; i < pending.Count; i++)
        {
            var wanted = pending[i].Application;
            var now = stored[i]?.ToRecord();
            if (now is not null && WrittenBy(now, wanted))
                outcomes[wanted.Email] = now.Version == 1 && now.SubmittedAt == wanted.UpdatedAt ? "added" : "updated";
            else if (ImportApplications.PlanWrite(wanted.Cohort, wanted.Application, now, wanted.UpdatedAt) is
                     { Write: { } write } planned)
                next.Add(new BatchWrite(write, planned.ExpectedETag));
            else
                outcomes[wanted.Email] = "unchanged";
        }
        return next;
    }

    /// <summary>This import's own write: its content, marked as imported at the import's stamp.</summary>
    private static bool WrittenBy(CohortApplication stored, CohortApplication wanted) =>
        stored.Source == ImportApplications.Source && stored.UpdatedAt == wanted.UpdatedAt &&
        stored.Status == ApplicationStatus.Active &&
        SaveApplication.Fingerprint(stored.Application) == SaveApplication.Fingerprint(wanted.Application with { Id = stored.Id });
}
