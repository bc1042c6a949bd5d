using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public sealed class ApplicationRepository(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Applications);

    public async Task<ApplicationEntity?> GetAsync(string cohortId, string email, CancellationToken ct = default)
    {
        var response = await _table.GetEntityIfExistsAsync<ApplicationEntity>(cohortId, ApplicationEntity.KeyFor(email), cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

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
