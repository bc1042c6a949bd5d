using Azure.Data.Tables;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Rhythm;

public sealed class ParticipationStore(TableServiceClient tables)
{
    private readonly TableClient _feedback = tables.GetTableClient(StorageNames.Feedback);
    private readonly TableClient _unsubscribes = tables.GetTableClient(StorageNames.Unsubscribes);
    private readonly TableClient _sessions = tables.GetTableClient(StorageNames.Sessions);
    private readonly TableClient _cursors = tables.GetTableClient(StorageNames.RhythmState);

    public async Task SaveFeedbackAsync(FeedbackEntity feedback, CancellationToken ct) =>
        await _feedback.UpsertEntityAsync(feedback, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<FeedbackEntity>> FeedbackAsync(string cohort, CancellationToken ct) =>
        await _feedback.QueryAsync<FeedbackEntity>(f => f.PartitionKey == cohort, cancellationToken: ct).ToListAsync(ct);

    public async Task UnsubscribeAsync(string cohort, string person, DateTimeOffset at, CancellationToken ct) =>
        await _unsubscribes.UpsertEntityAsync(new UnsubscribeEntity { PartitionKey = cohort, RowKey = person, UnsubscribedAt = at }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlySet<string>> UnsubscribedAsync(string cohort, CancellationToken ct) =>
        (await _unsubscribes.QueryAsync<UnsubscribeEntity>(u => u.PartitionKey == cohort, cancellationToken: ct).ToListAsync(ct)).Select(u => u.RowKey).ToHashSet();

    public async Task LogSessionAsync(SessionEntity session, CancellationToken ct) =>
        await _sessions.UpsertEntityAsync(session, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<SessionEntity>> SessionsAsync(string cohort, CancellationToken ct) =>
        await _sessions.QueryAsync<SessionEntity>(s => s.PartitionKey == cohort, cancellationToken: ct).ToListAsync(ct);

    public async Task<DateOnly?> LastProcessedAsync(string cohort, CancellationToken ct)
    {
        var cursor = await _cursors.FindAsync<RhythmCursor>("cursor", cohort, ct);
        return cursor is not null && DateOnly.TryParse(cursor.LastProcessed, out var d) ? d : null;
    }

    /// <summary>Idempotent: the cursor only ever records a finished day; a lost write means a day is recomputed, and its e-mails dedupe.</summary>
    public async Task SetLastProcessedAsync(string cohort, DateOnly day, CancellationToken ct) =>
        await _cursors.UpsertEntityAsync(new RhythmCursor { RowKey = cohort, LastProcessed = day.ToString("O") }, TableUpdateMode.Replace, ct);

    public static FeedbackStage? ParseStage(string? stage) => stage?.ToLowerInvariant() switch
    {
        "midpoint" or "mid-point" or "mid" => FeedbackStage.Midpoint,
        "final" => FeedbackStage.Final,
        "adhoc" or "ad-hoc" or "ad hoc" => FeedbackStage.AdHoc,
        _ => null,
    };
}
