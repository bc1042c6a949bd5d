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

    public async Task<WriteOutcome> AddAsync(ApplicationEntity entity, CancellationToken ct = default)
    {
        try
        {
            await _table.AddEntityAsync(entity, ct);
            return WriteOutcome.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { return WriteOutcome.Conflict; }
    }

    /// <summary>Replaces the application only if nobody changed it since it was read.</summary>
    public async Task<WriteOutcome> UpdateAsync(ApplicationEntity entity, CancellationToken ct = default)
    {
        try
        {
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
            return WriteOutcome.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412) { return WriteOutcome.Conflict; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return WriteOutcome.NotFound; }
    }
}
