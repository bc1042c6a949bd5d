using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Cohorts;

public enum WriteOutcome { Done, Conflict, NotFound }

public sealed class CohortRepository(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Cohorts);

    public async Task<(Cohort Cohort, ETag ETag)?> GetAsync(string id, CancellationToken ct = default)
    {
        if (!CohortValidator.IsSlug(id)) return null;
        var response = await _table.GetEntityIfExistsAsync<CohortEntity>(CohortEntity.Partition, id, cancellationToken: ct);
        return response.HasValue ? (response.Value!.ToCohort(), response.Value.ETag) : null;
    }

    public async Task<IReadOnlyList<Cohort>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<Cohort>();
        await foreach (var e in _table.QueryAsync<CohortEntity>(e => e.PartitionKey == CohortEntity.Partition, cancellationToken: ct))
            list.Add(e.ToCohort());
        return list.OrderByDescending(c => c.ApplicationsOpen).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<WriteOutcome> AddAsync(Cohort cohort, CancellationToken ct = default)
    {
        try
        {
            await _table.AddEntityAsync(CohortEntity.From(cohort), ct);
            return WriteOutcome.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { return WriteOutcome.Conflict; }
    }

    /// <summary>Replaces the cohort only if it is unchanged since it was read (the ETag).</summary>
    public async Task<WriteOutcome> UpdateAsync(Cohort cohort, ETag etag, CancellationToken ct = default)
    {
        try
        {
            await _table.UpdateEntityAsync(CohortEntity.From(cohort), etag, TableUpdateMode.Replace, ct);
            return WriteOutcome.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412) { return WriteOutcome.Conflict; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return WriteOutcome.NotFound; }
    }
}
