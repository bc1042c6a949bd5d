using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Cohorts;

public sealed class CohortRepository(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Cohorts);

    public async Task<(Cohort Cohort, ETag ETag)?> GetAsync(string id, CancellationToken ct = default)
    {
        if (!CohortValidator.IsSlug(id)) return null;
        var entity = await _table.FindAsync<CohortEntity>(CohortEntity.Partition, id, ct);
        return entity is null ? null : (entity.ToCohort(), entity.ETag);
    }

    public async Task<IReadOnlyList<Cohort>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<Cohort>();
        await foreach (var e in _table.QueryAsync<CohortEntity>(e => e.PartitionKey == CohortEntity.Partition, cancellationToken: ct))
            list.Add(e.ToCohort());
        return list.OrderByDescending(c => c.ApplicationsOpen).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    public Task<WriteOutcome> AddAsync(Cohort cohort, CancellationToken ct = default) =>
        _table.TryAddAsync(CohortEntity.From(cohort), ct);

    /// <summary>Replaces the cohort only if it is unchanged since it was read (the ETag).</summary>
    public Task<WriteOutcome> UpdateAsync(Cohort cohort, ETag etag, CancellationToken ct = default) =>
        _table.TryReplaceAsync(CohortEntity.From(cohort), etag, ct);
}
