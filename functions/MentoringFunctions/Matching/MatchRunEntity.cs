using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

/// <summary>
/// Table "matchruns". A run: PartitionKey = "run", RowKey = run id (time-ordered), so
/// GET /api/match-runs/{id} is a point read and a cohort's runs are one small partition scan
/// (a working group makes tens of runs a year). The published marker of a cohort lives in the
/// same table: PartitionKey = "published", RowKey = cohort id; inserting it is what makes
/// "one published run per cohort" hold under concurrent publishes.
/// </summary>
internal sealed class MatchRunEntity : ITableEntity
{
    public const string Partition = "run";
    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Cohort { get; set; } = "";
    [IgnoreDataMember]
    public RunStatus Status
    {
        get => StoredText.Parse<RunStatus>(StoredStatus);
        set => StoredStatus = value.ToString();
    }
    [DataMember(Name = "Status")]
    public string StoredStatus { get; set; } = nameof(RunStatus.Queued);
    public string SettingsJson { get; set; } = "";
    public string BasedOn { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public string FailureReason { get; set; } = "";

    public int Applications { get; set; }
    public int Pairs { get; set; }
    public int MenteesMatched { get; set; }
    public int Unmatched { get; set; }
    public long TotalFit { get; set; }
    public bool Proven { get; set; }
    public double EngineMilliseconds { get; set; }
    public long ResultBytes { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string PublishWarnings { get; set; } = "";
    public bool Rematch { get; set; }

    public MatchRun ToRun() => new(RowKey, Cohort, Status, SettingsJson, BasedOn, RequestedAt, StartedAt, CompletedAt,
        LeaseUntil, Attempts, FailureReason, Applications, Pairs, MenteesMatched, Unmatched, TotalFit, Proven,
        EngineMilliseconds, ResultBytes, PublishedAt, WithdrawnAt, PublishWarnings, ETag) { Rematch = Rematch };

    public static MatchRunEntity From(MatchRun r) => new()
    {
        RowKey = r.Id, ETag = r.ETag, Cohort = r.Cohort, Status = r.Status, SettingsJson = r.SettingsJson, BasedOn = r.BasedOn,
        RequestedAt = r.RequestedAt, StartedAt = r.StartedAt, CompletedAt = r.CompletedAt, LeaseUntil = r.LeaseUntil,
        Attempts = r.Attempts, FailureReason = r.FailureReason, Applications = r.Applications, Pairs = r.Pairs,
        MenteesMatched = r.MenteesMatched, Unmatched = r.Unmatched, TotalFit = r.TotalFit, Proven = r.Proven,
        EngineMilliseconds = r.EngineMilliseconds, ResultBytes = r.ResultBytes, PublishedAt = r.PublishedAt,
        WithdrawnAt = r.WithdrawnAt, PublishWarnings = r.PublishWarnings, Rematch = r.Rematch,
    };
}

internal sealed class PublishedMarkerEntity : ITableEntity
{
    public const string Partition = "published";
    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string RunId { get; set; } = "";

    public PublishedMarker ToMarker() => new(RowKey, RunId, ETag);
}

/// <summary>
/// Table "matches": the published pairs. PartitionKey = cohort id (the timer of the next issue
/// walks a cohort's matches in one query); RowKey = "mentorId|menteeId", so publishing the same
/// pair again overwrites rather than duplicates.
/// </summary>
internal sealed class MatchEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string RunId { get; set; } = "";
    public string MentorId { get; set; } = "";
    public string MentorEmail { get; set; } = "";
    public string MentorName { get; set; } = "";
    public string MenteeId { get; set; } = "";
    public string MenteeEmail { get; set; } = "";
    public string MenteeName { get; set; } = "";
    public string SharedTopics { get; set; } = "";
    public int Score { get; set; }
    [IgnoreDataMember]
    public MatchStatus Status
    {
        get => StoredText.Parse<MatchStatus>(StoredStatus);
        set => StoredStatus = value.ToString();
    }
    [DataMember(Name = "Status")]
    public string StoredStatus { get; set; } = nameof(MatchStatus.Introduced);
    public DateTimeOffset IntroducedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The first meeting either person confirmed (yyyy-MM-dd); stops the first-meeting nudges.</summary>
    public string FirstMeetingOn { get; set; } = "";
    public DateTimeOffset? LastCheckInAt { get; set; }
    public string LastCheckInAnswer { get; set; } = "";
    public string EndReason { get; set; } = "";
    public string EndedBy { get; set; } = "";

    public static string KeyFor(string mentorId, string menteeId) => PublishedMatch.KeyFor(mentorId, menteeId);

    public PublishedMatch ToMatch() => new(PartitionKey, RowKey, RunId, MentorId, MentorEmail, MentorName, MenteeId, MenteeEmail,
        MenteeName, SharedTopics, Score, Status, IntroducedAt, EndedAt, FirstMeetingOn, LastCheckInAt, LastCheckInAnswer, ETag)
    {
        EndReason = EndReason, EndedBy = EndedBy,
    };

    public static MatchEntity From(PublishedMatch m) => new()
    {
        PartitionKey = m.Cohort, RowKey = m.Key, ETag = m.ETag, RunId = m.RunId, MentorId = m.MentorId, MentorEmail = m.MentorEmail,
        MentorName = m.MentorName, MenteeId = m.MenteeId, MenteeEmail = m.MenteeEmail, MenteeName = m.MenteeName,
        SharedTopics = m.SharedTopics, Score = m.Score, Status = m.Status, IntroducedAt = m.IntroducedAt, EndedAt = m.EndedAt,
        FirstMeetingOn = m.FirstMeetingOn, LastCheckInAt = m.LastCheckInAt, LastCheckInAnswer = m.LastCheckInAnswer,
        EndReason = m.EndReason, EndedBy = m.EndedBy,
    };
}
