using MentoringFunctions.Matching;

namespace MentoringFunctions.Rhythm;

/// <summary>
/// The daily programme rhythm at 08:00 UTC. Each e-mail's key makes a pass exactly-once, so a run
/// the host repeats, or one that overlaps another, sends nothing twice.
/// </summary>
public sealed class RhythmFunctions(RhythmPass pass, ILogger<RhythmFunctions> logger)
{
    [Function("ProgrammeRhythm")]
    public async Task ProgrammeRhythm([TimerTrigger("0 0 8 * * *")] TimerInfo timer, CancellationToken ct)
    {
        var (succeeded, logs) = await pass.RunAsync(ct);
        foreach (var line in logs) logger.LogInformation("{Cohort}", line);
        // Failing the invocation makes it visible in monitoring; the failed cohort's cursor stays, so the next pass catches up.
        if (!succeeded) throw new RetryLaterException("At least one cohort failed: " + string.Join("; ", logs));
    }
}
