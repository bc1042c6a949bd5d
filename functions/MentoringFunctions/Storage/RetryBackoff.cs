namespace MentoringFunctions.Storage;

/// <summary>
/// How long to wait between ETag retries: full jitter over an exponential ceiling, so writers that lost the
/// same race spread out instead of colliding again in step. A limited number of attempts, then the caller
/// reports contention (409/503) rather than throwing.
/// </summary>
public class RetryBackoff(int maxAttempts = 10, TimeSpan? first = null, TimeSpan? ceiling = null)
{
    private readonly TimeSpan _first = first ?? TimeSpan.FromMilliseconds(10);
    private readonly TimeSpan _ceiling = ceiling ?? TimeSpan.FromMilliseconds(800);

    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>What a client told to come back later should wait: about the longest a contended write takes.</summary>
    public TimeSpan RetryAfter => TimeSpan.FromSeconds(1);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): random, up to first·2^(attempt-1).</summary>
    public TimeSpan Delay(int attempt)
    {
        var limit = Math.Min(_ceiling.TotalMilliseconds, _first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * limit);
    }

    /// <summary>
    /// Waits in real time, not on the app's <see cref="TimeProvider"/>: this is pacing against other writers,
    /// not a business clock, and tests that fake the clock would otherwise wait for ever.
    /// </summary>
    public virtual Task WaitAsync(int attempt, CancellationToken ct) => Task.Delay(Delay(attempt), ct);
}
