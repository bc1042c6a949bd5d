namespace MentoringFunctions.Matching;

/// <summary>A match run's life: queued, computed (or failed), then perhaps published and later withdrawn.</summary>
public enum RunStatus { Queued, Running, Completed, Failed, Published, Withdrawn }

/// <summary>
/// A published pair: introduced, withdrawn with its run, or ended during the programme (by the working group, or
/// because one of the two withdrew). Withdrawn and ended pairs are kept as history.
/// </summary>
public enum MatchStatus { Introduced, Withdrawn, Ended }

public static class RunStatuses
{
    /// <summary>A finished run is never computed again; a queue message for it is only acknowledged.</summary>
    public static bool IsFinished(this RunStatus status) => status switch
    {
        RunStatus.Queued or RunStatus.Running => false,
        RunStatus.Completed or RunStatus.Failed or RunStatus.Published or RunStatus.Withdrawn => true,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status"),
    };

    /// <summary>Only an introduced pair hears from the programme; the others are history.</summary>
    public static bool IsActive(this MatchStatus status) => status switch
    {
        MatchStatus.Introduced => true,
        MatchStatus.Withdrawn or MatchStatus.Ended => false,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown match status"),
    };
}
