using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

public sealed class MatchRunStore(TableServiceClient tables, BlobServiceClient blobs)
{
    private readonly TableClient _runs = tables.GetTableClient(StorageNames.MatchRuns);
    // A result can run to megabytes (explanations for every applicant): a blob, not table rows.
    private readonly BlobContainerClient _results = blobs.GetBlobContainerClient(StorageNames.MatchResults);
    private readonly TableClient _matches = tables.GetTableClient(StorageNames.Matches);

    /// <summary>Conflict when a run with this id exists (a repeated request with the same idempotency key).</summary>
    public Task<WriteOutcome> AddAsync(MatchRun run, CancellationToken ct) =>
        _runs.TryAddAsync(MatchRunEntity.From(run), ct);

    /// <summary>
    /// Replaces the run only if it is unchanged since it was read (its ETag). Returns the stored run, carrying the
    /// new ETag for the next guarded write, or null when someone else changed (or removed) it first.
    /// </summary>
    public async Task<MatchRun?> TryReplaceAsync(MatchRun run, CancellationToken ct)
    {
        return await _runs.TryReplaceRecordAsync(MatchRunEntity.From(run), run.ETag, e => run with { ETag = e }, ct);
    }

    public async Task<MatchRun?> GetAsync(string runId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(runId) || runId.Any(c => c is '/' or '\\' or '#' or '?' or '\'')) return null;
        return (await _runs.FindAsync<MatchRunEntity>(MatchRunEntity.Partition, runId, ct))?.ToRun();
    }

    public async Task<IReadOnlyList<MatchRun>> ListAsync(string cohort, CancellationToken ct)
    {
        var runs = new List<MatchRun>();
        await foreach (var r in _runs.QueryAsync<MatchRunEntity>(r => r.PartitionKey == MatchRunEntity.Partition && r.Cohort == cohort,
                           cancellationToken: ct))
            runs.Add(r.ToRun());
        return runs.OrderByDescending(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Overwrites: a retried attempt writes the same deterministic document again. Returns its size, which the run
    /// records, so a result is only read once the run says it was written whole.
    /// </summary>
    public async Task<long> WriteResultAsync(string runId, MatchRunResult result, CancellationToken ct)
    {
        var json = BinaryData.FromObjectAsJson(result, MatchRunResult.Json);
        await _results.GetBlobClient(ResultBlob(runId)).UploadAsync(json, overwrite: true, ct);
        return json.ToMemory().Length;
    }

    public async Task<MatchRunResult?> ReadResultAsync(MatchRun run, CancellationToken ct)
    {
        if (run.ResultBytes == 0) return null;
        try
        {
            var content = await _results.GetBlobClient(ResultBlob(run.Id)).DownloadContentAsync(ct);
            return content.Value.Content.ToObjectFromJson<MatchRunResult>(MatchRunResult.Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static string ResultBlob(string runId) => runId + ".json";

    public async Task<PublishedMarker?> GetPublishedAsync(string cohort, CancellationToken ct) =>
        (await _runs.FindAsync<PublishedMarkerEntity>(PublishedMarkerEntity.Partition, cohort, ct))?.ToMarker();

    public Task<WriteOutcome> ClaimPublishedAsync(string cohort, string runId, CancellationToken ct) =>
        _runs.TryAddAsync(new PublishedMarkerEntity { RowKey = cohort, RunId = runId }, ct);

    /// <summary>Points the cohort's marker at another run (a re-match published or withdrawn), if unchanged since read.</summary>
    public async Task<bool> TryMovePublishedAsync(PublishedMarker marker, string runId, CancellationToken ct) =>
        await _runs.TryReplaceAsync(new PublishedMarkerEntity { RowKey = marker.Cohort, RunId = runId }, marker.ETag, ct)
            == WriteOutcome.Done;

    /// <summary>Guarded by the marker's ETag: a marker changed since it was read stays (the delete fails).</summary>
    public async Task ReleasePublishedAsync(PublishedMarker marker, CancellationToken ct) =>
        await _runs.DeleteEntityAsync(PublishedMarkerEntity.Partition, marker.Cohort, marker.ETag, ct);

    /// <summary>Idempotent: a match's key is its pair, so a retried publish rewrites the same rows.</summary>
    public async Task UpsertMatchesAsync(IReadOnlyList<PublishedMatch> matches, CancellationToken ct)
    {
        foreach (var partition in matches.Select(MatchEntity.From).GroupBy(m => m.PartitionKey))
            foreach (var batch in partition.Chunk(100))
                await _matches.SubmitTransactionAsync(
                    batch.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, m)), ct);
    }

    public async Task<PublishedMatch?> GetMatchAsync(string cohort, string key, CancellationToken ct)
    {
        // A key from a URL: characters a table key cannot hold name no match (rather than a storage error).
        if (new[] { cohort, key }.Any(k => string.IsNullOrEmpty(k) || k.Length > 512
                || k.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))))
            return null;
        return (await _matches.FindAsync<MatchEntity>(cohort, key, ct))?.ToMatch();
    }

    /// <summary>Only if nobody changed the match since it was read (its ETag).</summary>
    public Task<WriteOutcome> TryReplaceMatchAsync(PublishedMatch match, CancellationToken ct) =>
        _matches.TryReplaceAsync(MatchEntity.From(match), match.ETag, ct);

    public async Task<IReadOnlyList<PublishedMatch>> ListMatchesAsync(string cohort, CancellationToken ct)
    {
        var list = new List<PublishedMatch>();
        await foreach (var m in _matches.QueryAsync<MatchEntity>(m => m.PartitionKey == cohort, cancellationToken: ct)) list.Add(m.ToMatch());
        return list;
    }
}
