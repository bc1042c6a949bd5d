using System.Text.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Matching;

/// <summary>Thrown so the queue trigger's host retries the message later (the run's state is already recorded).</summary>
public sealed class RetryLaterException(string message) : Exception(message);

/// <summary>
/// The "match-requests" queue's work: computes one match run. At-least-once safe: a finished run
/// is acknowledged again without work; an attempt claims the run with an ETag-guarded lease, so a
/// duplicate delivery waits (retry) while another attempt runs; a failed attempt hands the run back
/// (Queued) for the host's retry, and the last attempt marks it Failed before it goes to poison.
/// </summary>
public sealed class RunMatching(MatchRunStore runs, ApplicationRepository applications, MatchRunNotifier notifier,
    FunctionApp app, QueueClientFactory queues, IOptions<MatchRunOptions> options, TimeProvider time, ILogger<RunMatching> logger)
{
    /// <summary>Computes the run a message asks for; returns what happened, or throws RetryLaterException.</summary>
    public async Task<string> RunAsync(string? text, long dequeueCount, CancellationToken ct)
    {
        if (!TryRead(text, out var message)) return $"Ignored a message that is not a match request: {text}";
        var run = await runs.GetAsync(message.RunId, ct);
        if (run is null || run.Cohort != message.Cohort) return $"No run {message.RunId} in {message.Cohort}";
        if (run.Status.IsFinished()) return $"Run {run.Id} is already {run.Status}";

        var now = time.GetUtcNow();
        if (run.Status == RunStatus.Running && run.LeaseUntil > now)
            return await DeferAsync(queues, message, run, now, ct);
        if (run.Status == RunStatus.Running && run.Attempts >= app.Queues.MaxDequeueCount)
            return await GiveUpAsync(run, now, ct);
        var claim = run with
        {
            Status = RunStatus.Running, Attempts = run.Attempts + 1, StartedAt = now,
            LeaseUntil = now + options.Value.RunBudget,
        };
        run = await runs.TryReplaceAsync(claim, ct)
            ?? throw new RetryLaterException($"Run {run.Id} changed while claiming it");
        // A watchdog: if this process is killed mid-run, the host would show the message again only after
        // its own visibility timeout (minutes past the lease). This copy arrives when the lease ends, finds
        // the run finished (and is acknowledged) or takes over from the attempt that died.
        await DeferAsync(queues, message, run, now, ct);

        try
        {
            var (settings, error) = MatchSettingsJson.Parse(run.SettingsJson);
            var result = settings is null
                ? null
                : MatchRunResult.Compute(await applications.ListAsync(run.Cohort, ct), settings, time);
            var failure = error ?? (result!.Errors.Count > 0 ? string.Join(" ", result.Errors) : null);
            if (failure is null && time.GetUtcNow() > run.LeaseUntil)
                failure = $"The run exceeded its time budget of {options.Value.RunBudget.TotalMinutes:0.#} minutes.";
            // run holds each step's state: the handler below records a failure on top of it,
            // with the ETag of the last write that went through.
            run = await FinishedAsync(run, failure is null ? result : null, failure, ct);
            run = await runs.TryReplaceAsync(run, ct)
                ?? throw new RetryLaterException($"Run {run.Id} changed while finishing it");
            await notifier.RunFinishedAsync(run, ct);
            return $"Run {run.Id}: {run.Status}{(failure is null ? $", {run.Pairs} pairs" : $": {failure}")}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Match run {Run} attempt {Attempt} failed", run.Id, run.Attempts);
            var last = dequeueCount >= app.Queues.MaxDequeueCount;
            run = run with
            {
                Status = last ? RunStatus.Failed : RunStatus.Queued,
                LeaseUntil = null,
                FailureReason = last
                    ? $"Gave up after {run.Attempts} attempts: {ex.Message}"
                    : $"Attempt {run.Attempts} failed: {ex.Message}",
                CompletedAt = last ? time.GetUtcNow() : run.CompletedAt,
            };
            await runs.TryReplaceAsync(run, ct);
            if (last) await notifier.RunFinishedAsync(run, ct);
            throw new RetryLaterException(run.FailureReason);
        }
    }

    /// <summary>The run as it ends: Completed with its counts (result stored first), or Failed.</summary>
    private async Task<MatchRun> FinishedAsync(MatchRun run, MatchRunResult? result, string? failure,
        CancellationToken ct)
    {
        if (result is not null)
        {
            var bytes = await runs.WriteResultAsync(run.Id, result, ct);
            run = run with
            {
                ResultBytes = bytes,
                Applications = result.Applicants.Count,
                Pairs = result.Pairs.Count,
                MenteesMatched = result.Optimality?.MenteesMatched ?? result.Pairs.Count,
                Unmatched = result.Unmatched.Count,
                TotalFit = result.Pairs.Sum(p => (long)p.Score),
                Proven = result.Optimality?.Proven ?? false,
                EngineMilliseconds = result.EngineMilliseconds,
            };
        }
        return run with
        {
            Status = failure is null ? RunStatus.Completed : RunStatus.Failed,
            FailureReason = failure ?? "",
            CompletedAt = time.GetUtcNow(),
            LeaseUntil = null,
        };
    }

    /// <summary>
    /// Another attempt holds the run (a duplicate delivery, or an attempt that died). Retrying now
    /// would burn the message's dequeue count within the lease and poison a healthy run, so the
    /// request is put back to become visible when the lease ends: then it either finds the run
    /// finished, or takes over from an attempt that crashed.
    /// </summary>
    /// <summary>
    /// Every attempt so far died mid-run (each watchdog found an expired lease): give up after as many
    /// attempts as the host allows a message, rather than take over for ever.
    /// </summary>
    private async Task<string> GiveUpAsync(MatchRun run, DateTimeOffset now, CancellationToken ct)
    {
        var failed = await runs.TryReplaceAsync(run with
        {
            Status = RunStatus.Failed, LeaseUntil = null, CompletedAt = now,
            FailureReason = $"Gave up after {run.Attempts} attempts that stopped before finishing (the process ended).",
        }, ct) ?? throw new RetryLaterException($"Run {run.Id} changed while giving up on it");
        await notifier.RunFinishedAsync(failed, ct);
        return $"Run {failed.Id}: {failed.FailureReason}";
    }

    public static async Task<string> DeferAsync(QueueClientFactory queues, MatchRequest message, MatchRun run,
        DateTimeOffset now, CancellationToken ct)
    {
        var wait = run.LeaseUntil!.Value - now + TimeSpan.FromSeconds(5);
        await queues.Get(StorageNames.MatchQueue).SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web),
            visibilityTimeout: wait, cancellationToken: ct);
        return $"Run {run.Id} is held by another attempt until {run.LeaseUntil:u}; asked again then";
    }

    public static bool TryRead(string? text, out MatchRequest message)
    {
        message = new MatchRequest("", "");
        try
        {
            if (text is not null && JsonSerializer.Deserialize<MatchRequest>(text, JsonSerializerOptions.Web) is { Cohort.Length: > 0, RunId.Length: > 0 } m)
                message = m;
        }
        catch (JsonException) { }
        return message.RunId.Length > 0;
    }
}
