namespace MentoringFunctions.Matching;

/// <summary>A run as the API shows it: its state, counts and (when computed) every result.</summary>
public sealed record MatchRunView(
    string Id, string Cohort, RunStatus Status, string FailureReason, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt, int Attempts, string BasedOn, int Applications, int Pairs, int MenteesMatched, int Unmatched,
    long TotalFit, bool Proven, double EngineMilliseconds, DateTimeOffset? PublishedAt, DateTimeOffset? WithdrawnAt,
    IReadOnlyList<string> PublishWarnings, string StatusUrl, string ReviewUrl, System.Text.Json.JsonElement Settings, MatchRunResult? Result)
{
    /// <summary>A re-match during the programme (see <see cref="MatchRun.Rematch"/>).</summary>
    public bool Rematch { get; init; }

    public static MatchRunView From(MatchRun r, MatchRunResult? result) => new(
        r.Id, r.Cohort, r.Status, r.FailureReason, r.RequestedAt, r.StartedAt, r.CompletedAt, r.Attempts, r.BasedOn,
        r.Applications, r.Pairs, r.MenteesMatched, r.Unmatched, r.TotalFit, r.Proven, r.EngineMilliseconds, r.PublishedAt, r.WithdrawnAt,
        r.PublishWarnings.Split('\n', StringSplitOptions.RemoveEmptyEntries), $"/api/match-runs/{r.Id}", $"/manage/match-runs/{r.Id}",
        System.Text.Json.JsonDocument.Parse(string.IsNullOrEmpty(r.SettingsJson) ? "{}" : r.SettingsJson).RootElement.Clone(), result)
    {
        Rematch = r.Rematch,
    };
}

public sealed record RunComparison(string Run, string Other, int Matched, int OtherMatched, long TotalFit, long OtherTotalFit,
    IReadOnlyList<string> OnlyInRun, IReadOnlyList<string> OnlyInOther, int InBoth);

/// <summary>The answer to publish and withdraw: the run as the API shows it, and what the step did.</summary>
public sealed record PublishResponse(MatchRunView Run, int Matches, int EmailsQueued, IReadOnlyList<string> Warnings);
