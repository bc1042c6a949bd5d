using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public sealed class ApplicationRepository(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Applications);

    public Task<ApplicationEntity?> GetAsync(string cohortId, string email, CancellationToken ct = default) =>
        _table.FindAsync<ApplicationEntity>(cohortId, ApplicationEntity.KeyFor(email), ct);

    public async Task<IReadOnlyList<ApplicationEntity>> ListAsync(string cohortId, CancellationToken ct = default)
    {
        var list = new List<ApplicationEntity>();
        await foreach (var e in _table.QueryAsync<ApplicationEntity>(e => e.PartitionKey == cohortId, cancellationToken: ct))
            list.Add(e);
        return list;
    }

    public Task<WriteOutcome> AddAsync(ApplicationEntity entity, CancellationToken ct = default) => _table.TryAddAsync(entity, ct);

    /// <summary>Replaces the application only if nobody changed it since it was read.</summary>
    public Task<WriteOutcome> UpdateAsync(ApplicationEntity entity, CancellationToken ct = default) =>
        _table.TryReplaceAsync(entity, entity.ETag, ct);
}
