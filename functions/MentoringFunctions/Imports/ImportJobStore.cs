using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Imports;

/// <summary>
/// Table "importjobs". PartitionKey = cohort id (a cohort's imports are one small partition), RowKey = job id,
/// derived from the file's content, so a retried upload finds the job it already made.
/// </summary>
internal sealed class ImportJobEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string FileName { get; set; } = "";
    [IgnoreDataMember]
    public ImportStatus Status
    {
        get => StoredText.Parse<ImportStatus>(StoredStatus);
        set => StoredStatus = value.ToString();
    }
    [DataMember(Name = "Status")]
    public string StoredStatus { get; set; } = nameof(ImportStatus.Queued);
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public string FailureReason { get; set; } = "";
    public bool Planned { get; set; }
    public DateTimeOffset? Stamp { get; set; }
    public int TotalRows { get; set; }
    public int Batches { get; set; }
    public int NextBatch { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }

    public ImportJob ToJob() => new(RowKey, PartitionKey, FileName, Status, RequestedAt, StartedAt, CompletedAt, LeaseUntil,
        Attempts, FailureReason, Planned, Stamp, TotalRows, Batches, NextBatch, Added, Updated, Unchanged, Rejected, ETag);

    public static ImportJobEntity From(ImportJob j) => new()
    {
        PartitionKey = j.Cohort, RowKey = j.Id, ETag = j.ETag, FileName = j.FileName, Status = j.Status,
        RequestedAt = j.RequestedAt, StartedAt = j.StartedAt, CompletedAt = j.CompletedAt, LeaseUntil = j.LeaseUntil,
        Attempts = j.Attempts, FailureReason = j.FailureReason, Planned = j.Planned, Stamp = j.Stamp,
        TotalRows = j.TotalRows, Batches = j.Batches, NextBatch = j.NextBatch, Added = j.Added, Updated = j.Updated,
        Unchanged = j.Unchanged, Rejected = j.Rejected,
    };
}

public sealed class ImportJobStore(TableServiceClient tables)
{
    private readonly TableClient _jobs = tables.GetTableClient(StorageNames.ImportJobs);

    /// <summary>Conflict when the job exists: the same file sent to the same cohort again.</summary>
    public Task<WriteOutcome> AddAsync(ImportJob job, CancellationToken ct) => _jobs.TryAddAsync(ImportJobEntity.From(job), ct);

    public async Task<ImportJob?> GetAsync(string cohort, string id, CancellationToken ct) =>
        Usable(cohort) && Usable(id)
            ? (await _jobs.FindAsync<ImportJobEntity>(cohort, id, ct))?.ToJob()
            : null;

    // Ids come from the URL; anything but a slug could never have been stored, and some characters break the REST path.
    private static bool Usable(string key) =>
        key.Length is > 0 and <= 100 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Only if unchanged since read; the stored job with its new ETag, or null when another attempt wrote first.</summary>
    public async Task<ImportJob?> TryReplaceAsync(ImportJob job, CancellationToken ct)
    {
        return await _jobs.TryReplaceRecordAsync(ImportJobEntity.From(job), job.ETag, e => job with { ETag = e }, ct);
    }

    public async Task<IReadOnlyList<ImportJob>> ListAsync(string cohort, CancellationToken ct)
    {
        var jobs = new List<ImportJob>();
        await foreach (var e in _jobs.QueryAsync<ImportJobEntity>(e => e.PartitionKey == cohort, cancellationToken: ct))
            jobs.Add(e.ToJob());
        return jobs.OrderByDescending(j => j.RequestedAt).ToList();
    }
}
