using System.Text.Json;
using Azure.Data.Tables;

namespace MentoringFunctions.Matching;

/// <summary>
/// Stores a large JSON document in Table Storage within its limits: 30,000-character chunks
/// (a string property holds 64 KB), one entity each under PartitionKey = the document's key,
/// written in transactions of 40 (under the 4 MB and 100-entity batch limits).
/// Writes are upserts: a retried run writes the same deterministic document again.
/// </summary>
public static class ChunkedJson
{
    public const int ChunkChars = 30_000;
    public const int ChunksPerBatch = 40;

    public static async Task<int> WriteAsync<T>(TableClient table, string key, T document, JsonSerializerOptions options, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(document, options);
        var chunks = Enumerable.Range(0, (json.Length + ChunkChars - 1) / ChunkChars)
            .Select(i => new TableEntity(key, $"{i:D6}") { ["Data"] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - i * ChunkChars)) })
            .ToList();
        foreach (var batch in chunks.Chunk(ChunksPerBatch))
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        return chunks.Count;
    }

    public static async Task<T?> ReadAsync<T>(TableClient table, string key, int expectedChunks, JsonSerializerOptions options, CancellationToken ct)
    {
        var parts = new List<(string Row, string Data)>();
        // Only the chunks this write made: an earlier, longer attempt may have left more behind.
        var end = $"{expectedChunks:D6}";
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == key && e.RowKey.CompareTo(end) < 0, cancellationToken: ct))
            parts.Add((e.RowKey, e.GetString("Data") ?? ""));
        if (parts.Count != expectedChunks) return default;
        return JsonSerializer.Deserialize<T>(string.Concat(parts.OrderBy(p => p.Row, StringComparer.Ordinal).Select(p => p.Data)), options);
    }
}
