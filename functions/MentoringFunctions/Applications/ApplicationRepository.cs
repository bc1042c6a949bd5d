using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public sealed class ApplicationRepository(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Applications);

    public async Task<CohortApplication?> GetAsync(string cohortId, string email, CancellationToken ct = default) =>
        (await _table.FindAsync<ApplicationEntity>(ApplicationEntity.PartitionFor(cohortId, email), ApplicationEntity.KeyFor(email),
            ct))?.ToRecord();

    public async Task<IReadOnlyList<CohortApplication>> ListAsync(string cohortId, CancellationToken ct = default)
    {
        var list = new List<CohortApplication>();
        var (from, below) = ApplicationEntity.PartitionRange(cohortId);
        await foreach (var e in _table.QueryAsync<ApplicationEntity>(
                           e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(below) < 0, cancellationToken: ct))
            list.Add(e.ToRecord());
        return list;
    }

    /// <summary>Conflict when the cohort already has an application from this e-mail address.</summary>
    public Task<WriteOutcome> AddAsync(CohortApplication application, CancellationToken ct = default) =>
        _table.TryAddAsync(ApplicationEntity.From(application), ct);

    /// <summary>
    /// Replaces the application only if nobody changed it since it was read (its ETag). Returns it as
    /// stored, with the new ETag for the next guarded write, or null when someone else changed it first.
    /// </summary>
    public async Task<CohortApplication?> UpdateAsync(CohortApplication application, CancellationToken ct = default)
    {
        return await _table.TryReplaceRecordAsync(ApplicationEntity.From(application), application.ETag,
            e => application with { ETag = e }, ct);
    }
}
