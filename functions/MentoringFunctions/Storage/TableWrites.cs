using Azure;
using Azure.Data.Tables;

namespace MentoringFunctions.Storage;

public enum WriteOutcome { Done, Conflict, NotFound }

/// <summary>
/// Inserts and ETag-guarded replaces that report a lost race as a value, not an exception:
/// 409 on insert (the key exists) and 412 on replace (changed since read) are Conflict.
/// </summary>
public static class TableWrites
{
    /// <summary>A point read: the entity, or null when there is none (a 404 is an answer, not an error).</summary>
    public static async Task<T?> FindAsync<T>(this TableClient table, string partitionKey, string rowKey, CancellationToken ct) where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    public static async Task<WriteOutcome> TryAddAsync<T>(this TableClient table, T entity, CancellationToken ct) where T : ITableEntity
    {
        try
        {
            await table.AddEntityAsync(entity, ct);
            return WriteOutcome.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { return WriteOutcome.Conflict; }
    }

    /// <summary>Replaces only if unchanged since read; on success the entity carries its new ETag.</summary>
    public static async Task<WriteOutcome> TryReplaceAsync<T>(this TableClient table, T entity, ETag etag, CancellationToken ct) where T : ITableEntity
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, ct);
            if (response?.Headers.ETag is { } updated) entity.ETag = updated;
            return WriteOutcome.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412) { return WriteOutcome.Conflict; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return WriteOutcome.NotFound; }
    }

    /// <summary>
    /// The guarded replace as the repositories answer it: the record as stored, carrying the new ETag for the next
    /// guarded write, or null when someone else changed (or removed) it first.
    /// </summary>
    public static async Task<TRecord?> TryReplaceRecordAsync<TEntity, TRecord>(this TableClient table, TEntity entity,
        ETag etag, Func<ETag, TRecord> withETag, CancellationToken ct) where TEntity : ITableEntity where TRecord : class =>
        await table.TryReplaceAsync(entity, etag, ct) == WriteOutcome.Done ? withETag(entity.ETag) : null;
}
