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
        if (run.Status.IsFinished()) return $"Run {run.RowKey} is already {run.Status}";

        var now = time.GetUtcNow();
        if (run.Status == RunStatus.Running && run.LeaseUntil > now)
            return await DeferAsync(queues, message, run, now, ct);
        run.Status = RunStatus.Running;
        run.Attempts++;
        run.StartedAt = now;
        run.LeaseUntil = now + options.Value.RunBudget;
        if (await runs.TryReplaceAsync(run, ct) != WriteOutcome.Done)
            throw new RetryLaterException($"Run {run.RowKey} changed while claiming it");

        try
        {
            var (settings, error) = MatchSettingsJson.Parse(run.SettingsJson);
            var result = settings is null
                ? null
                : MatchRunResult.Compute(await applications.ListAsync(run.Cohort, ct), settings, time);
            var failure = error ?? (result!.Errors.Count > 0 ? string.Join(" ", result.Errors) : null);
            if (failure is null && time.GetUtcNow() > run.LeaseUntil)
                failure = $"The run exceeded its time budget of {options.Value.RunBudget.TotalMinutes:0.#} minutes.";
            if (failure is not null) return await FinishAsync(run, null, failure, ct);
            return await FinishAsync(run, result, null, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Match run {Run} attempt {Attempt} failed", run.RowKey, run.Attempts);
            var last = dequeueCount >= app.Queues.MaxDequeueCount;
            run.Status = last ? RunStatus.Failed : RunStatus.Queued;
            run.LeaseUntil = null;
            run.FailureReason = last ? $"Gave up after {run.Attempts} attempts: {ex.Message}" : $"Attempt {run.Attempts} failed: {ex.Message}";
            if (last) run.CompletedAt = time.GetUtcNow();
            await runs.TryReplaceAsync(run, ct);
            if (last) await notifier.RunFinishedAsync(run, ct);
            throw new RetryLaterException(run.FailureReason);
        }
    }

    private async Task<string> FinishAsync(MatchRunEntity run, MatchRunResult? result, string? failure, CancellationToken ct)
    {
        if (result is not null)
        {
            run.ResultChunks = await runs.WriteResultAsync(run.RowKey, result, ct);
            run.Applications = result.Applicants.Count;
            run.Pairs = result.Pairs.Count;
            run.MenteesMatched = result.Optimality?.MenteesMatched ?? result.Pairs.Count;
            run.Unmatched = result.Unmatched.Count;
            run.TotalFit = result.Pairs.Sum(p => (long)p.Score);
            run.Proven = result.Optimality?.Proven ?? false;
            run.EngineMilliseconds = result.EngineMilliseconds;
        }
        run.Status = failure is null ? RunStatus.Completed : RunStatus.Failed;
        run.FailureReason = failure ?? "";
        run.CompletedAt = time.GetUtcNow();
        run.LeaseUntil = null;
        if (await runs.TryReplaceAsync(run, ct) != WriteOutcome.Done)
            throw new RetryLaterException($"Run {run.RowKey} changed while finishing it");
        await notifier.RunFinishedAsync(run, ct);
        return $"Run {run.RowKey}: {run.Status}{(failure is null ? $", {run.Pairs} pairs" : $": {failure}")}";
    }

    /// <summary>
    /// Another attempt holds the run (a duplicate delivery, or an attempt that died). Retrying now
    /// would burn the message's dequeue count within the lease and poison a healthy run, so the
    /// request is put back to become visible when the lease ends: then it either finds the run
    /// finished, or takes over from an attempt that crashed.
    /// </summary>
    public static async Task<string> DeferAsync(QueueClientFactory queues, MatchRequest message, MatchRunEntity run, DateTimeOffset now, CancellationToken ct)
    {
        var wait = run.LeaseUntil!.Value - now + TimeSpan.FromSeconds(5);
        await queues.Get(StorageNames.MatchQueue).SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web),
            visibilityTimeout: wait, cancellationToken: ct);
        return $"Run {run.RowKey} is held by another attempt until {run.LeaseUntil:u}; asked again then";
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
