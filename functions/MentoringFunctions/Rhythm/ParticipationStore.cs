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

    /// <summary>Idempotent: answering the same stage again replaces the answer.</summary>
    public async Task SaveFeedbackAsync(string cohort, Feedback f, CancellationToken ct) =>
        await _feedback.UpsertEntityAsync(new FeedbackEntity
        {
            PartitionKey = cohort, RowKey = $"{f.PersonId}|{f.Stage}", PersonId = f.PersonId, Stage = f.Stage, MatchKey = f.MatchKey,
            Overall = f.Overall, Usefulness = f.Usefulness, Relationship = f.Relationship, MeetingsHeld = f.MeetingsHeld,
            HoursSpent = f.HoursSpent, WantsToContinue = f.WantsToContinue, WantsHelp = f.WantsHelp, WantsToEnd = f.WantsToEnd,
            Comments = f.Comments, SubmittedAt = f.SubmittedAt, MayQuote = f.MayQuote,
        }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<Feedback>> FeedbackAsync(string cohort, CancellationToken ct) =>
        (await _feedback.QueryAsync<FeedbackEntity>(f => f.PartitionKey == cohort, cancellationToken: ct).ToListAsync(ct))
        .Select(f => new Feedback(f.PersonId, f.Stage, f.MatchKey, f.Overall, f.Usefulness, f.Relationship, f.MeetingsHeld,
            f.HoursSpent, f.WantsToContinue, f.WantsHelp, f.WantsToEnd, f.Comments, f.SubmittedAt, f.MayQuote)).ToList();

    public async Task UnsubscribeAsync(string cohort, string person, DateTimeOffset at, CancellationToken ct) =>
        await _unsubscribes.UpsertEntityAsync(new UnsubscribeEntity { PartitionKey = cohort, RowKey = person, UnsubscribedAt = at }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlySet<string>> UnsubscribedAsync(string cohort, CancellationToken ct) =>
        (await _unsubscribes.QueryAsync<UnsubscribeEntity>(u => u.PartitionKey == cohort, cancellationToken: ct).ToListAsync(ct)).Select(u => u.RowKey).ToHashSet();

    /// <summary>Idempotent: logging the same day of the same match again corrects it rather than adding.</summary>
    public async Task LogSessionAsync(string cohort, Session s, CancellationToken ct) =>
        await _sessions.UpsertEntityAsync(new SessionEntity
        {
            PartitionKey = cohort, RowKey = TableKeys.Encode($"{s.MentorId}|{s.MatchKey}|{s.Date:O}"),
            MentorId = s.MentorId, MatchKey = s.MatchKey, Date = s.Date.ToString("O"), Minutes = s.Minutes, LoggedAt = s.LoggedAt,
        }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<Session>> SessionsAsync(string cohort, CancellationToken ct) =>
        (await _sessions.QueryAsync<SessionEntity>(s => s.PartitionKey == cohort, cancellationToken: ct).ToListAsync(ct))
        .Select(s => new Session(s.MentorId, s.MatchKey, DateOnly.Parse(s.Date, System.Globalization.CultureInfo.InvariantCulture),
            s.Minutes, s.LoggedAt)).ToList();

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
