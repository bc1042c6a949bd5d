using Azure;

namespace MentoringFunctions.Matching;

/// <summary>
/// A match run as the app sees it: its state, its counts once computed, and when it was published
/// or withdrawn. ETag is the stored version a guarded write must still find.
/// </summary>
public sealed record MatchRun(
    string Id, string Cohort, RunStatus Status, string SettingsJson, string BasedOn, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset? LeaseUntil, int Attempts, string FailureReason,
    int Applications, int Pairs, int MenteesMatched, int Unmatched, long TotalFit, bool Proven, double EngineMilliseconds,
    long ResultBytes, DateTimeOffset? PublishedAt, DateTimeOffset? WithdrawnAt, string PublishWarnings, ETag ETag = default)
{
    /// <summary>
    /// A re-match during the programme: it keeps the published run's active pairs (as locks) and, when published,
    /// introduces only its new pairs. BasedOn names the run that was published when it started.
    /// </summary>
    public bool Rematch { get; init; }

    public static MatchRun Queued(string id, string cohort, string settingsJson, string basedOn, DateTimeOffset requestedAt) =>
        new(id, cohort, RunStatus.Queued, settingsJson, basedOn, requestedAt, null, null, null, 0, "",
            0, 0, 0, 0, 0, false, 0, 0, null, null, "");
}

/// <summary>Which run is published for a cohort; ETag guards its release on withdrawal.</summary>
public sealed record PublishedMarker(string Cohort, string RunId, ETag ETag);
