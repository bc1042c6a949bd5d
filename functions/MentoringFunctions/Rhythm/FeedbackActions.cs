using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Rhythm;

/// <summary>Whether the working group has dealt with an answer that asked for help or to end a match.</summary>
public enum ActionState { Open, Done }

/// <summary>The state of one answer's action. No row yet means open; ETag guards the next toggle.</summary>
public sealed record FeedbackAction(string PersonId, string Stage, ActionState State, DateTimeOffset? ChangedAt, string ChangedBy,
    ETag ETag = default);

/// <summary>
/// Table "feedbackactions". PartitionKey = cohort; RowKey = "personId|stage" (encoded), the feedback it follows.
/// Kept apart from the answers, which a person may replace by answering again, so a toggle never races an answer.
/// </summary>
internal sealed class FeedbackActionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string PersonId { get; set; } = "";
    public string Stage { get; set; } = "";
    [System.Runtime.Serialization.IgnoreDataMember]
    public ActionState State
    {
        get => StoredText.Parse<ActionState>(StoredState);
        set => StoredState = value.ToString();
    }
    [System.Runtime.Serialization.DataMember(Name = "State")]
    public string StoredState { get; set; } = nameof(ActionState.Open);
    public DateTimeOffset? ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}

public sealed class FeedbackActionStore(TableServiceClient tables)
{
    private readonly TableClient _actions = tables.GetTableClient(StorageNames.FeedbackActions);

    public async Task<IReadOnlyDictionary<(string PersonId, string Stage), FeedbackAction>> ListAsync(string cohort,
        CancellationToken ct) =>
        (await _actions.QueryAsync<FeedbackActionEntity>(a => a.PartitionKey == cohort, cancellationToken: ct).ToListAsync(ct))
        .ToDictionary(a => (a.PersonId, a.Stage), a => new FeedbackAction(a.PersonId, a.Stage, a.State, a.ChangedAt, a.ChangedBy, a.ETag));

    /// <summary>
    /// Sets the state if the action is as the page showed it: no ETag means the page saw no row (insert, which fails if
    /// someone made one meanwhile); otherwise the row must still carry that ETag.
    /// </summary>
    public Task<WriteOutcome> TrySetAsync(string cohort, FeedbackAction action, CancellationToken ct)
    {
        var entity = new FeedbackActionEntity
        {
            PartitionKey = cohort, RowKey = TableKeys.Encode($"{action.PersonId}|{action.Stage}"), PersonId = action.PersonId,
            Stage = action.Stage, State = action.State, ChangedAt = action.ChangedAt, ChangedBy = action.ChangedBy,
        };
        return action.ETag == default ? _actions.TryAddAsync(entity, ct) : _actions.TryReplaceAsync(entity, action.ETag, ct);
    }
}
