using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Email;

/// <summary>What a pass through the due index found, and how many entities it read to find it.</summary>
public sealed record DueEmails(IReadOnlyList<OutgoingEmail> Due, int EntitiesRead);

/// <summary>
/// The outbox's passes, each through <see cref="OutboxIndex"/>: what is due, the outcome of an attempt, the
/// bodies past their retention, the admin page. Writes are ordered so that a crash between any two leaves an
/// index row too many, which the next pass tidies, and never a message that no row points at.
/// </summary>
public sealed partial class Outbox
{
    /// <summary>
    /// How long a due row may point at a message that is not there before it is dropped: longer than any function
    /// runs, so an enqueue that wrote its row and is about to write its message is never cut off.
    /// </summary>
    public static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    /// <summary>Pending e-mails whose next attempt is due, and sends whose lease ran out (a crash mid-send).</summary>
    public async Task<DueEmails> FindDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var rows = new List<OutboxIndexRow>();
        await foreach (var row in _index.RangeAsync(OutboxIndex.DuePrefix, OutboxIndex.Through(OutboxIndex.Due(now)), ct))
            rows.Add(row);
        var (due, read) = (new List<OutgoingEmail>(), rows.Count);
        foreach (var row in rows)
        {
            var stored = await _table.FindAsync<OutboxEntity>(row.Pointer.PartitionKey, row.Pointer.RowKey, ct);
            if (stored is null)
            {
                if (OutboxIndex.DueMinute(row.Partition) < now - OrphanGrace)
                    await _index.DeleteAsync(row.Partition, row.Pointer, ct);
                continue;
            }
            read++;
            var email = stored.ToOutgoing();
            var unsent = email.Status is OutboxStatus.Pending or OutboxStatus.Sending;
            if (unsent && OutboxIndex.In(OutboxIndex.Due(email.NextAttemptAt), row.Pointer) == row.Partition)
            {
                var ready = email.Status == OutboxStatus.Pending ? email.NextAttemptAt <= now : email.LeaseUntil <= now;
                if (ready) due.Add(email);
                continue;
            }
            // The row no longer matches its message (a pass stopped between its writes): the matching row, then this goes.
            await IndexAsync(stored, ct);
            await _index.DeleteAsync(row.Partition, row.Pointer, ct);
        }
        return new DueEmails(due.OrderBy(e => e.NextAttemptAt).ToList(), read);
    }

    /// <summary>
    /// Writes the outcome of an attempt on a claimed e-mail and moves its index row: a retry's new due row before
    /// the message, the row it leaves after. Null (nothing moved) when someone else changed the e-mail first.
    /// </summary>
    public async Task<OutgoingEmail?> RecordAttemptAsync(
        OutgoingEmail claimed, OutgoingEmail outcome, CancellationToken ct = default)
    {
        var leaving = OutboxIndex.In(OutboxIndex.Due(claimed.NextAttemptAt), claimed.Pointer);
        var next = OutboxIndex.In(OutboxIndex.Due(outcome.NextAttemptAt), outcome.Pointer);
        if (outcome.Status == OutboxStatus.Pending) await _index.UpsertAsync(next, outcome.Pointer, ct);
        if (await TryUpdateAsync(outcome, ct) is not { } stored) return null;
        if (stored.Status != OutboxStatus.Pending) await IndexAsync(OutboxEntity.From(stored), ct);
        if (next != leaving || stored.Status != OutboxStatus.Pending)
            await _index.DeleteAsync(leaving, stored.Pointer, ct);
        return stored;
    }

    // The row that matches where a message stands.
    private Task IndexAsync(OutboxEntity e, CancellationToken ct) => e.Status switch
    {
        OutboxStatus.Pending or OutboxStatus.Sending =>
            _index.UpsertAsync(OutboxIndex.In(OutboxIndex.Due(e.NextAttemptAt), Pointer(e)), Pointer(e), ct),
        OutboxStatus.Sent when e.BodyRemovedAt is null =>
            _index.UpsertAsync(OutboxIndex.In(OutboxIndex.Sent(e.SentAt ?? e.CreatedAt), Pointer(e)), Pointer(e), ct),
        OutboxStatus.Sent => Task.CompletedTask,
        OutboxStatus.Failed => _index.UpsertAsync(OutboxIndex.FailedPartition, Pointer(e), ct),
        _ => throw new InvalidOperationException($"Unknown outbox status {e.Status}"),
    };

    /// <summary>
    /// Empties the content (bodies, headers, attachments) of e-mails sent at or before <paramref name="cutoff"/>, found
    /// by their sent day; what was sent to whom and when stays. Returns how many it emptied.
    /// </summary>
    public async Task<int> RemoveBodiesAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        var rows = new List<OutboxIndexRow>();
        var through = OutboxIndex.Through(OutboxIndex.Sent(cutoff));
        await foreach (var row in _index.RangeAsync(OutboxIndex.SentPrefix, through, ct)) rows.Add(row);
        var removed = 0;
        foreach (var row in rows)
        {
            var e = await _table.FindAsync<OutboxEntity>(row.Pointer.PartitionKey, row.Pointer.RowKey, ct);
            if (e is { Status: OutboxStatus.Sent, BodyRemovedAt: null })
            {
                if (e.SentAt > cutoff) continue;                  // later on the cutoff day: the next pass
                (e.Html, e.Text, e.Headers, e.Attachments, e.BodyRemovedAt) = ("", "", "", "", time.GetUtcNow());
                if (await _table.TryReplaceAsync(e, e.ETag, ct) != WriteOutcome.Done) continue;   // changed: the next pass
                removed++;
            }
            await _index.DeleteAsync(row.Partition, row.Pointer, ct);
        }
        return removed;
    }

    /// <summary>
    /// The backstop for a message no due row points at (one stored before the index existed, or a row removed by
    /// hand): unsent messages are indexed again. It reads only their keys; sent mail is never returned.
    /// </summary>
    public async Task<int> ReindexUnsentAsync(CancellationToken ct = default)
    {
        var unsent = new List<(string Due, OutboxPointer Pointer)>();
        var filter = TableClient.CreateQueryFilter(
            $"Status eq {nameof(OutboxStatus.Pending)} or Status eq {nameof(OutboxStatus.Sending)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "NextAttemptAt"],
                           cancellationToken: ct))
        {
            var at = e.GetDateTimeOffset(nameof(OutboxEntity.NextAttemptAt)) ?? time.GetUtcNow();
            var pointer = new OutboxPointer(e.PartitionKey, e.RowKey);
            unsent.Add((OutboxIndex.In(OutboxIndex.Due(at), pointer), pointer));
        }
        // Upserts of rows most of which exist: a day's nudges share a minute, so they go as transactions of 100.
        foreach (var minute in unsent.GroupBy(u => u.Due))
            await _index.UpsertManyAsync(minute.Key, minute.Select(u => u.Pointer), ct);
        return unsent.Count;
    }

    /// <summary>
    /// What a person needs to see: everything created since <paramref name="since"/>, and anything not yet sent
    /// (pending or failed) however old. Found through the index (due, failed, and the sent days since then), so the
    /// page reads only the mail it shows.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEmail>> ListRecentAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = new List<OutboxIndexRow>();
        var ranges = new[]
        {
            (OutboxIndex.DuePrefix, OutboxIndex.DuePrefix + "~"), (OutboxIndex.FailedPartition, OutboxIndex.FailedPartition),
            (OutboxIndex.Sent(since), OutboxIndex.Through(OutboxIndex.Sent(now))),
        };
        foreach (var (first, last) in ranges)
            await foreach (var row in _index.RangeAsync(first, last, ct)) rows.Add(row);
        var found = new System.Collections.Concurrent.ConcurrentBag<OutboxEntity>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct };
        await Parallel.ForEachAsync(rows.Select(r => r.Pointer).Distinct(), parallel, async (p, token) =>
        {
            if (await _table.FindAsync<OutboxEntity>(p.PartitionKey, p.RowKey, token) is { } e) found.Add(e);
        });
        return found.Where(e => e.CreatedAt >= since || e.Status != OutboxStatus.Sent)
            .Select(e => new OutboxEmail(TableKeys.Decode(e.RowKey), e.Kind, e.ToEmail, e.ToName, e.Subject, e.Text,
                e.Status, e.Attempts, e.CreatedAt, e.SentAt, e.LastError))
            .OrderByDescending(e => e.CreatedAt).ToList();
    }
}
