using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Email;

public sealed record OutboxPointer(string PartitionKey, string RowKey);

/// <summary>
/// Every e-mail is written here first; delivery happens after. A queue message (shared by e-mails
/// queued together, <see cref="PromptSignals"/>) asks for prompt delivery, and the DeliverOutbox timer picks up whatever is due (retries, lost messages) from the
/// <see cref="OutboxIndex"/>, never by scanning this table.
/// </summary>
public sealed partial class Outbox(
    TableServiceClient tables, QueueClientFactory queues, TimeProvider time, ILogger<Outbox> logger)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Outbox);
    private readonly OutboxIndex _index = new(tables);
    private readonly PromptSignals _signals = new(queues.Get(StorageNames.EmailQueue), logger);

    /// <summary>Returns false when an e-mail with this key was already queued (nothing is added).</summary>
    public async Task<bool> EnqueueAsync(EmailMessage message, CancellationToken ct = default)
    {
        var entity = OutboxEntity.From(message, time.GetUtcNow());
        // The index row goes first. A crash between the two writes then leaves a row pointing at nothing, which the
        // timer drops; the other order would leave a message no pass ever looks at.
        await _index.UpsertAsync(OutboxIndex.In(OutboxIndex.Due(entity.NextAttemptAt), Pointer(entity)), Pointer(entity), ct);
        if (await _table.TryAddAsync(entity, ct) == WriteOutcome.Conflict) return false;
        // Waited for, so the e-mail is on its way when the caller answers; not lost if it fails or the process stops
        // here: the e-mail is stored and indexed, and the DeliverOutbox timer will find it.
        await _signals.SignalAsync(Pointer(entity), ct);
        return true;
    }

    /// <summary>
    /// Many e-mails at once (the timer's nudges). Keys already in the outbox are looked up first,
    /// by key prefix ("kind/period/"), so a re-run writes nothing; the rest are indexed (one due
    /// partition, transactions of 100), then go in as transactions of 100, a few at a time. A transaction
    /// that still meets an existing key (a concurrent run) falls back to one insert each.
    /// No queue pointers: DeliverOutbox sends them within a minute.
    /// </summary>
    public async Task<int> EnqueueManyAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var fresh = new List<OutboxEntity>();
        foreach (var partition in messages.Select(m => OutboxEntity.From(m, now)).DistinctBy(e => (e.PartitionKey, e.RowKey))
                     .GroupBy(e => e.PartitionKey))
        {
            var existing = await ExistingKeysAsync(partition.Key, partition.Select(e => e.RowKey), ct);
            fresh.AddRange(partition.Where(e => !existing.Contains(e.RowKey)));
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        // The index rows first, as in EnqueueAsync: one due partition per outbox bucket.
        await Parallel.ForEachAsync(fresh.Select(Pointer).GroupBy(p => OutboxIndex.In(OutboxIndex.Due(now), p)), parallel,
            async (rows, token) => await _index.UpsertManyAsync(rows.Key, rows, token));
        var added = 0;
        var batches = fresh.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(100));
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            var count = 0;
            try
            {
                await _table.SubmitTransactionAsync(
                    batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), token);
                count = batch.Length;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                foreach (var e in batch)
                    if (await _table.TryAddAsync(e, token) == WriteOutcome.Done) count++;
            }
            Interlocked.Add(ref added, count);
        });
        return added;
    }

    private static OutboxPointer Pointer(OutboxEntity e) => new(e.PartitionKey, e.RowKey);

    private async Task<HashSet<string>> ExistingKeysAsync(string partition, IEnumerable<string> keys, CancellationToken ct)
    {
        const string separator = "~2F";   // an encoded '/'
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prefix in keys.Select(k => Prefix(k, separator)).Distinct())
        {
            var upper = TableKeys.PrefixEnd(prefix);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {upper}");
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct))
                existing.Add(e.RowKey);
        }
        return existing;
    }

    // The first two segments ("kind/period/"), or the whole key when it has fewer.
    private static string Prefix(string key, string separator)
    {
        var first = key.IndexOf(separator, StringComparison.Ordinal);
        var second = first < 0 ? -1 : key.IndexOf(separator, first + separator.Length, StringComparison.Ordinal);
        return second < 0 ? key : key[..(second + separator.Length)];
    }

    public async Task<OutgoingEmail?> GetAsync(string partitionKey, string rowKey, CancellationToken ct = default) =>
        (await _table.FindAsync<OutboxEntity>(partitionKey, rowKey, ct))?.ToOutgoing();

    /// <summary>
    /// ETag-guarded write. Returns the e-mail as stored, with the new ETag for the next guarded write,
    /// or null when someone else changed it first.
    /// </summary>
    public async Task<OutgoingEmail?> TryUpdateAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        return await _table.TryReplaceRecordAsync(OutboxEntity.From(email), email.ETag, e => email with { ETag = e }, ct);
    }
}
