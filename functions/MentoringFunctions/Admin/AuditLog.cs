using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Admin;

/// <summary>What was done. Stored as its name; a new kind of change adds a value here.</summary>
public enum AuditAction
{
    SignedIn, SignedOut, CohortCreated, CohortEdited, ImportStarted, MatchRunStarted, MatchRunRerun, Published,
    Withdrawn, ApplicationWithdrawn, MatchEnded, PersonErased, FeedbackHandled, ApplicationEdited,
}

/// <summary>One entry: who did what, when, and to whom (people by address or id; pairs as "mentor|mentee").</summary>
public sealed record AuditEntry(string Cohort, DateTimeOffset At, string Actor, AuditAction Action, string Summary,
    IReadOnlyList<string> People, IReadOnlyList<string> Pairs);

/// <summary>
/// Table "audit": PartitionKey = the cohort, RowKey = inverted ticks then a random suffix, so a partition reads newest
/// first and two entries in one tick never collide. Append-only: this class only inserts, and no route edits or
/// deletes an entry.
/// </summary>
public sealed class AuditLog(TableServiceClient tables, TimeProvider time)
{
    /// <summary>How many people or pairs one entry keeps (a publish of a large cohort names the first ones).</summary>
    public const int MaxNames = 500;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.Audit);

    private sealed class AuditEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public DateTimeOffset At { get; set; }
        public string Actor { get; set; } = "";
        public string Action { get; set; } = "";
        public string Summary { get; set; } = "";
        public string People { get; set; } = "";
        public string Pairs { get; set; } = "";
    }

    /// <summary>The member the request's Guard let in (or "system" outside one): who an entry says acted.</summary>
    public static string ActorOf(HttpContext http) => AdminUser.Of(http)?.Email ?? "system";

    /// <summary>Records an action by the member the request's Guard let in (or "system" outside one).</summary>
    public Task RecordAsync(HttpContext http, string cohort, AuditAction action, string summary,
        IEnumerable<string>? people = null, IEnumerable<string>? pairs = null, CancellationToken ct = default) =>
        RecordAsync(ActorOf(http), cohort, action, summary, people, pairs, ct);

    public Task RecordAsync(string actor, string cohort, AuditAction action, string summary,
        IEnumerable<string>? people = null, IEnumerable<string>? pairs = null, CancellationToken ct = default) =>
        AddAsync(actor, cohort, action, time.GetUtcNow(), Convert.ToHexString(RandomNumberGenerator.GetBytes(4)), summary, people,
            pairs, ct);

    /// <summary>
    /// For an answer a retry repeats (publishing a published run): the entry's key is the event's own time and id,
    /// so the repeat finds it there and adds nothing.
    /// </summary>
    public Task RecordOnceAsync(HttpContext http, string cohort, AuditAction action, DateTimeOffset at, string eventId,
        string summary, IEnumerable<string>? people = null, IEnumerable<string>? pairs = null, CancellationToken ct = default) =>
        AddAsync(ActorOf(http), cohort, action, at, TableKeys.Encode(eventId), summary, people, pairs, ct);

    private async Task AddAsync(string actor, string cohort, AuditAction action, DateTimeOffset at, string suffix, string summary,
        IEnumerable<string>? people, IEnumerable<string>? pairs, CancellationToken ct)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        await _table.TryAddAsync(new AuditEntity
        {
            PartitionKey = TableKeys.Encode(cohort), RowKey = inverted + "-" + suffix,
            At = at, Actor = actor, Action = action.ToString(), Summary = summary, People = Join(people), Pairs = Join(pairs),
        }, ct);
    }

    /// <summary>The result, once its audit entry is written: for handlers that answer in one expression.</summary>
    public static async Task<T> After<T>(Task recorded, T result)
    {
        await recorded;
        return result;
    }

    /// <summary>The cohort's entries, newest first, optionally of one action and naming a person (actor or affected).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string cohort, AuditAction? action, string? person, int max,
        CancellationToken ct)
    {
        var list = new List<AuditEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(cohort)}");
        if (action is { } a) filter += " and " + TableClient.CreateQueryFilter($"Action eq {a.ToString()}");
        await foreach (var e in _table.QueryAsync<AuditEntity>(filter, cancellationToken: ct))
        {
            var entry = new AuditEntry(cohort, e.At, e.Actor, StoredText.Parse<AuditAction>(e.Action), e.Summary,
                TableKeys.SplitList(e.People), TableKeys.SplitList(e.Pairs));
            if (string.IsNullOrWhiteSpace(person) || Names(entry).Any(n => n.Contains(person.Trim(), StringComparison.OrdinalIgnoreCase)))
                list.Add(entry);
            if (list.Count >= max) break;
        }
        return list;
    }

    private static IEnumerable<string> Names(AuditEntry e) => e.People.Append(e.Actor);

    private static string Join(IEnumerable<string>? names) => TableKeys.JoinList((names ?? []).Distinct().Take(MaxNames).ToList());
}
