using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Cohorts;

public sealed class CohortRepository(TableServiceClient tables, TimeProvider? time = null)
{
    /// <summary>How long a cached cohort is used for the public form: another instance's edit shows within this.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly TableClient _table = tables.GetTableClient(StorageNames.Cohorts);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (Cohort Cohort, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<(Cohort Cohort, ETag ETag)?> GetAsync(string id, CancellationToken ct = default)
    {
        if (!CohortValidator.IsSlug(id)) return null;
        var entity = await _table.FindAsync<CohortEntity>(CohortEntity.Partition, id, ct);
        return entity is null ? null : (entity.ToCohort(), entity.ETag);
    }

    /// <summary>
    /// The cohort as read at most <see cref="CacheLifetime"/> ago: every application reads its cohort, and it
    /// seldom changes. Not for edits (no ETag). This instance's own writes drop it at once; an unknown id is not
    /// cached, so a cohort created elsewhere is found on the next request.
    /// </summary>
    public async Task<Cohort?> GetCachedAsync(string id, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && cached.Until > now) return cached.Cohort;
        if (await GetAsync(id, ct) is not { Cohort: var cohort }) return null;
        _cache[id] = (cohort, now + CacheLifetime);
        return cohort;
    }

    public async Task<IReadOnlyList<Cohort>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<Cohort>();
        await foreach (var e in _table.QueryAsync<CohortEntity>(e => e.PartitionKey == CohortEntity.Partition, cancellationToken: ct))
            list.Add(e.ToCohort());
        return list.OrderByDescending(c => c.ApplicationsOpen).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    public Task<WriteOutcome> AddAsync(Cohort cohort, CancellationToken ct = default)
    {
        _cache.TryRemove(cohort.Id, out _);
        return _table.TryAddAsync(CohortEntity.From(cohort), ct);
    }

    /// <summary>Replaces the cohort only if it is unchanged since it was read (the ETag).</summary>
    public async Task<WriteOutcome> UpdateAsync(Cohort cohort, ETag etag, CancellationToken ct = default)
    {
        var outcome = await _table.TryReplaceAsync(CohortEntity.From(cohort), etag, ct);
        _cache.TryRemove(cohort.Id, out _);
        return outcome;
    }
}
