using Azure;
using Azure.Data.Tables;

namespace MentoringFunctions.Rhythm;

/// <summary>One person's answer at one stage (midpoint, final or adhoc).</summary>
public sealed record Feedback(
    string PersonId, string Stage, string MatchKey, int Overall, int Usefulness, int Relationship, int MeetingsHeld,
    double HoursSpent, bool WantsToContinue, bool WantsHelp, bool WantsToEnd, string Comments, DateTimeOffset SubmittedAt,
    bool MayQuote = false);

/// <summary>Mentoring time a mentor logged for one day of one match.</summary>
public sealed record Session(string MentorId, string MatchKey, DateOnly Date, int Minutes, DateTimeOffset LoggedAt);

/// <summary>
/// Table "feedback". PartitionKey = cohort; RowKey = "personId|stage": one answer per person per
/// stage, and answering again replaces it (an idempotent upsert).
/// </summary>
internal sealed class FeedbackEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string PersonId { get; set; } = "";
    public string Stage { get; set; } = "";
    public string MatchKey { get; set; } = "";
    public int Overall { get; set; }
    public int Usefulness { get; set; }
    public int Relationship { get; set; }
    public int MeetingsHeld { get; set; }
    public double HoursSpent { get; set; }
    public bool WantsToContinue { get; set; }
    public bool WantsHelp { get; set; }
    public bool WantsToEnd { get; set; }
    public string Comments { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>The person agreed that their comments may be quoted (without their name) in reports to funders.</summary>
    public bool MayQuote { get; set; }
}

/// <summary>Table "unsubscribes". PartitionKey = cohort; RowKey = person id. Present = no more nudges or invites.</summary>
internal sealed class UnsubscribeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset UnsubscribedAt { get; set; }
}

/// <summary>
/// Table "sessions": mentoring time a mentor logged. PartitionKey = cohort; RowKey =
/// "mentorId|menteeId|yyyy-MM-dd", so logging the same day again corrects it rather than adding.
/// </summary>
internal sealed class SessionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string MentorId { get; set; } = "";
    public string MatchKey { get; set; } = "";
    public string Date { get; set; } = "";
    public int Minutes { get; set; }
    public DateTimeOffset LoggedAt { get; set; }
}

/// <summary>Table "rhythmstate". PartitionKey = "cursor"; RowKey = cohort: the last day the timer finished.</summary>
internal sealed class RhythmCursor : ITableEntity
{
    public string PartitionKey { get; set; } = "cursor";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string LastProcessed { get; set; } = "";
}
