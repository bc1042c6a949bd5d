using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Email;

public sealed record OutboxPointer(string PartitionKey, string RowKey);

/// <summary>
/// Every e-mail is written here first; delivery happens after. A queue message asks for prompt
/// delivery, and the DeliverOutbox timer picks up whatever is due (retries, lost messages).
/// </summary>
public sealed class Outbox(TableServiceClient tables, QueueClientFactory queues, TimeProvider time, ILogger<Outbox> logger)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Outbox);

    /// <summary>Returns false when an e-mail with this key was already queued (nothing is added).</summary>
    public async Task<bool> EnqueueAsync(EmailMessage message, CancellationToken ct = default)
    {
        var entity = OutboxEntity.From(message, time.GetUtcNow());
        if (await _table.TryAddAsync(entity, ct) == WriteOutcome.Conflict) return false;
        try
        {
            var pointer = JsonSerializer.Serialize(new OutboxPointer(entity.PartitionKey, entity.RowKey));
            await queues.Get(StorageNames.EmailQueue).SendMessageAsync(pointer, ct);
        }
        catch (RequestFailedException ex)
        {
            // Not lost: the e-mail is stored and the DeliverOutbox timer will find it.
            logger.LogWarning(ex, "Could not ask for prompt delivery of {Key}", message.Key);
        }
        return true;
    }

    /// <summary>
    /// Many e-mails at once (the timer's nudges): inserted in transactions of 100 per partition; a
    /// transaction that meets an e-mail queued before falls back to one insert each, so duplicates are
    /// skipped and the rest still go in. No queue pointers: DeliverOutbox sends them within a minute.
    /// </summary>
    public async Task<int> EnqueueManyAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var partition in messages.Select(m => OutboxEntity.From(m, now)).DistinctBy(e => (e.PartitionKey, e.RowKey)).GroupBy(e => e.PartitionKey))
            foreach (var batch in partition.Chunk(100))
            {
                try
                {
                    await _table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
                    added += batch.Length;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    foreach (var e in batch)
                        if (await _table.TryAddAsync(e, ct) == WriteOutcome.Done) added++;
                }
            }
        return added;
    }

    public async Task<OutboxEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        var response = await _table.GetEntityIfExistsAsync<OutboxEntity>(partitionKey, rowKey, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Pending e-mails whose next attempt is due, and sends whose lease ran out (a crash mid-send).</summary>
    public async Task<IReadOnlyList<OutboxEntity>> ListDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var due = new List<OutboxEntity>();
        await foreach (var e in _table.QueryAsync<OutboxEntity>(
                           e => (e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now) ||
                                (e.Status == OutboxStatus.Sending && e.LeaseUntil <= now), cancellationToken: ct))
            due.Add(e);
        return due.OrderBy(e => e.NextAttemptAt).ToList();
    }

    public async Task<IReadOnlyList<OutboxEntity>> ListAsync(string? partition, CancellationToken ct = default)
    {
        var list = new List<OutboxEntity>();
        var query = partition is null
            ? _table.QueryAsync<OutboxEntity>(cancellationToken: ct)
            : _table.QueryAsync<OutboxEntity>(e => e.PartitionKey == TableKeys.Encode(partition), cancellationToken: ct);
        await foreach (var e in query) list.Add(e);
        return list.OrderByDescending(e => e.CreatedAt).ToList();
    }

    /// <summary>ETag-guarded write; false when someone else changed the e-mail first.</summary>
    public async Task<bool> TryUpdateAsync(OutboxEntity entity, CancellationToken ct = default) =>
        await _table.TryReplaceAsync(entity, entity.ETag, ct) == WriteOutcome.Done;
}
