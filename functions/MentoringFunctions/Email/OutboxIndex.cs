using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Email;

/// <summary>One row of the outbox index: a partition (when, or which state) pointing at one message.</summary>
public sealed record OutboxIndexRow(string Partition, OutboxPointer Pointer);

/// <summary>
/// Table "outboxindex": small rows that say where to look, so no pass reads the outbox itself by scanning.
/// <list type="bullet">
/// <item><c>due-yyyyMMddHHmm-NN</c>: a pending or sending message whose next attempt falls in that minute (UTC).
/// The minute timer reads the partitions up to now, a range of keys, and nothing else.</item>
/// <item><c>sent-yyyyMMdd-NN</c>: a message sent that day, until its body is removed after the retention.</item>
/// <item><c>failed</c>: a message the provider refused for good, kept for a person to see.</item>
/// </list>
/// NN is the message's own outbox bucket: a day's nudges (tens of thousands, due in the same minute) are spread
/// over 32 partitions, as the messages are, since one partition takes inserts one at a time.
/// Rows are upserts (the same message in the same partition is one row), so a repeated write is harmless, and
/// a row that no longer matches its message is only a hint: readers check the message and tidy the row.
/// </summary>
public sealed class OutboxIndex(TableServiceClient tables)
{
    public const string DuePrefix = "due-";
    public const string SentPrefix = "sent-";
    public const string FailedPartition = "failed";

    private readonly TableClient _table = tables.GetTableClient(StorageNames.OutboxIndex);

    /// <summary>The minute's key: its partitions are this and a bucket; <see cref="Through"/> makes a range of them.</summary>
    public static string Due(DateTimeOffset at) =>
        DuePrefix + at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>The day's key: its partitions are this and a bucket.</summary>
    public static string Sent(DateTimeOffset at) =>
        SentPrefix + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The partition of one message's row under a minute's or a day's key.</summary>
    public static string In(string key, OutboxPointer pointer) =>
        key + "-" + (pointer.PartitionKey.LastIndexOf('|') is var bar and >= 0 ? pointer.PartitionKey[(bar + 1)..] : "00");

    /// <summary>The last partition key under a minute's or a day's key ('~' sorts after every bucket).</summary>
    public static string Through(string key) => key + "~";

    /// <summary>When a due partition's minute begins (for rows whose message has gone missing).</summary>
    public static DateTimeOffset DueMinute(string partition) => new(DateTime.ParseExact(partition.Substring(DuePrefix.Length, 12),
        "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

    public Task UpsertAsync(string partition, OutboxPointer pointer, CancellationToken ct) =>
        _table.UpsertEntityAsync(Row(partition, pointer), TableUpdateMode.Replace, ct);

    /// <summary>Many rows of one partition, as transactions of 100 (a day's nudges are due in the same minute).</summary>
    public async Task UpsertManyAsync(string partition, IEnumerable<OutboxPointer> pointers, CancellationToken ct)
    {
        foreach (var batch in pointers.Select(p => Row(partition, p)).DistinctBy(e => e.RowKey).Chunk(100))
            await _table.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
    }

    /// <summary>Removes a row; one already gone (another pass tidied it) is not an error.</summary>
    public async Task DeleteAsync(string partition, OutboxPointer pointer, CancellationToken ct)
    {
        try { await _table.DeleteEntityAsync(partition, RowKey(pointer), ETag.All, ct); }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    /// <summary>The rows of every partition from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public async IAsyncEnumerable<OutboxIndexRow> RangeAsync(string first, string last,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last}");
        await foreach (var e in _table.QueryAsync<OutboxIndexEntity>(filter, cancellationToken: ct))
            yield return new OutboxIndexRow(e.PartitionKey, new OutboxPointer(e.MessagePartition, e.MessageRow));
    }

    // Unique per message: an outbox partition always ends in "|NN", so the join cannot make two pointers one.
    private static string RowKey(OutboxPointer pointer) => pointer.PartitionKey + "|" + pointer.RowKey;

    private static OutboxIndexEntity Row(string partition, OutboxPointer pointer) => new()
    {
        PartitionKey = partition, RowKey = RowKey(pointer),
        MessagePartition = pointer.PartitionKey, MessageRow = pointer.RowKey,
    };
}

internal sealed class OutboxIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string MessagePartition { get; set; } = "";
    public string MessageRow { get; set; } = "";
}
