using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

/// <summary>
/// Table "applicationchanges". PartitionKey = cohort id; RowKey = the application's key (the escaped e-mail),
/// '|', the change id, so an address's changes sit together. The proposed application is one JSON column: it is
/// only ever read whole, to show or apply it.
/// </summary>
internal sealed class PendingChangeEntity : ITableEntity
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ChangeId { get; set; } = "";
    public string Proposed { get; set; } = "";
    public string Source { get; set; } = "";
    public bool Reopens { get; set; }
    public int BaseVersion { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public int AppliedVersion { get; set; }
    [IgnoreDataMember]
    public PendingChangeStatus Status
    {
        get => StoredText.Parse<PendingChangeStatus>(StoredStatus);
        set => StoredStatus = value.ToString();
    }
    [DataMember(Name = "Status")]
    public string StoredStatus { get; set; } = nameof(PendingChangeStatus.Pending);

    public static string KeyFor(string email, string changeId) => ApplicationEntity.KeyFor(email) + "|" + changeId;

    public PendingChange ToRecord() => new(PartitionKey, ChangeId,
        JsonSerializer.Deserialize<Application>(Proposed, Json)
            ?? throw new InvalidDataException($"Change {RowKey} is empty."),
        Source, Reopens, BaseVersion, ProposedAt, ExpiresAt, Status, ClaimedAt, AppliedVersion, ETag);

    public static PendingChangeEntity From(PendingChange c) => new()
    {
        PartitionKey = c.Cohort, RowKey = KeyFor(c.Email, c.Id), ETag = c.ETag, ChangeId = c.Id,
        Proposed = JsonSerializer.Serialize(c.Proposed, Json), Source = c.Source, Reopens = c.Reopens,
        BaseVersion = c.BaseVersion, ProposedAt = c.ProposedAt, ExpiresAt = c.ExpiresAt, ClaimedAt = c.ClaimedAt,
        AppliedVersion = c.AppliedVersion, Status = c.Status,
    };
}

/// <summary>Pending changes to applications, behind guarded writes like the applications themselves.</summary>
public sealed class PendingChangeRepository(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ApplicationChanges);

    public async Task<PendingChange?> GetAsync(string cohortId, string email, string changeId,
        CancellationToken ct = default) =>
        (await _table.FindAsync<PendingChangeEntity>(cohortId, PendingChangeEntity.KeyFor(email, changeId), ct))?.ToRecord();

    /// <summary>Conflict when this very change is already stored (a retried submission).</summary>
    public Task<WriteOutcome> AddAsync(PendingChange change, CancellationToken ct = default) =>
        _table.TryAddAsync(PendingChangeEntity.From(change), ct);

    /// <summary>Replaces it only if unchanged since read; the stored change with its new ETag, or null.</summary>
    public async Task<PendingChange?> UpdateAsync(PendingChange change, CancellationToken ct = default)
    {
        return await _table.TryReplaceRecordAsync(PendingChangeEntity.From(change), change.ETag,
            e => change with { ETag = e }, ct);
    }

    /// <summary>An address's changes in a cohort, oldest first: what the contention test and support read back.</summary>
    public async Task<IReadOnlyList<PendingChange>> ListAsync(string cohortId, string email, CancellationToken ct = default)
    {
        var prefix = ApplicationEntity.KeyFor(email) + "|";
        var upper = TableKeys.PrefixEnd(prefix);
        var list = new List<PendingChange>();
        await foreach (var e in _table.QueryAsync<PendingChangeEntity>(
                           e => e.PartitionKey == cohortId && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(upper) < 0,
                           cancellationToken: ct))
            list.Add(e.ToRecord());
        return list.OrderBy(c => c.ProposedAt).ToList();
    }
}
