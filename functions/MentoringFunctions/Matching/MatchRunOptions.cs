namespace MentoringFunctions.Matching;

public sealed class MatchRunOptions
{
    /// <summary>
    /// How long one attempt may hold a run. A run still Running past it is treated as crashed,
    /// and a run whose engine took longer is marked Failed (it must fit in one invocation).
    /// </summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The queue message that asks for a run to be computed.</summary>
public sealed record MatchRequest(string Cohort, string RunId);
