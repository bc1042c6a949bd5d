using System.Text.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Imports;

/// <summary>
/// The "import-jobs" queue's work: plans the file once (stored as a blob), then writes it in batches of up to 100
/// rows, one table transaction each, checkpointing the job (ETag-guarded) after every batch. At-least-once safe: a
/// finished job is acknowledged without work; an attempt holds the job by a lease that each checkpoint renews, so a
/// duplicate delivery waits; a crashed or failed attempt is resumed from the checkpoint by the next delivery, and a
/// batch written just before a crash is recognised (<see cref="ApplicationBatches"/>), neither lost nor doubled.
/// Imported rows send no e-mails.
/// </summary>
public sealed class RunImport(ImportJobStore jobs, ImportFiles files, CohortRepository cohorts,
    ApplicationRepository applications, ApplicationBatches batches, FunctionApp app, QueueClientFactory queues,
    TimeProvider time, ILogger<RunImport> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Runs (or resumes) the job a message names; returns what happened, or throws RetryLaterException.</summary>
    public async Task<string> RunAsync(string? text, long dequeueCount, CancellationToken ct)
    {
        if (!TryRead(text, out var request)) return $"Ignored a message that is not an import request: {text}";
        var job = await jobs.GetAsync(request.Cohort, request.JobId, ct);
        if (job is null) return $"No import {request.JobId} in {request.Cohort}";
        if (job.Status.IsFinished()) return $"Import {job.Id} is already {job.Status}";
        var now = time.GetUtcNow();
        if (job.Status == ImportStatus.Running && job.LeaseUntil > now) return await DeferAsync(request, job, now, ct);
        if (job.Status == ImportStatus.Running && job.Attempts >= app.Queues.MaxDequeueCount)
            return Describe(await SaveAsync(Failed(job,
                $"Gave up after {job.Attempts} attempts that stopped before finishing (the process ended)."), ct));
        job = await SaveAsync(job with
        {
            Status = ImportStatus.Running, Attempts = job.Attempts + 1, StartedAt = job.StartedAt ?? now, LeaseUntil = now + Lease,
        }, ct);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<PlannedRow>? plan = null;
            if (!job.Planned) (job, plan) = await PlanAsync(job, ct);
            if (job.Status != ImportStatus.Running) return Describe(job);
            plan ??= await files.ReadPlanAsync(job.Id, ct);
            logger.LogInformation("Import {Job}: {Rows} rows planned in {Seconds:0.0} s; writing from batch {Batch} of {Batches}",
                job.Id, job.TotalRows, clock.Elapsed.TotalSeconds, job.NextBatch, job.Batches);
            clock.Restart();
            while (job.NextBatch < job.Batches) job = await WriteBatchAsync(job, plan, ct);
            logger.LogInformation("Import {Job}: batches written in {Seconds:0.0} s", job.Id, clock.Elapsed.TotalSeconds);
            await files.CommitReportAsync(job.Id, job.Batches, ct);
            return Describe(await SaveAsync(job with
            {
                Status = ImportStatus.Done, CompletedAt = time.GetUtcNow(), LeaseUntil = null, FailureReason = "",
            }, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RetryLaterException)
        {
            logger.LogError(ex, "Import {Job} attempt {Attempt} failed at batch {Batch}", job.Id, job.Attempts, job.NextBatch);
            var last = dequeueCount >= app.Queues.MaxDequeueCount;
            job = last
                ? Failed(job, $"Gave up after {job.Attempts} attempts: {ex.Message}")
                : job with
                {
                    Status = ImportStatus.Queued, LeaseUntil = null, FailureReason = $"Attempt {job.Attempts} failed: {ex.Message}",
                };
            await jobs.TryReplaceAsync(job, ct);
            throw new RetryLaterException(job.FailureReason);
        }
    }

    /// <summary>The poison queue's work: a job every delivery of which failed must not stay Queued or Running.</summary>
    public async Task<string> FailAsync(string? text, CancellationToken ct)
    {
        if (!TryRead(text, out var request)) return "Ignored a poison message that is not an import request";
        var job = await jobs.GetAsync(request.Cohort, request.JobId, ct);
        if (job is null || job.Status.IsFinished()) return $"Import {request.JobId}: nothing to do";
        var now = time.GetUtcNow();
        if (job.Status == ImportStatus.Running && job.LeaseUntil > now) return await DeferAsync(request, job, now, ct);
        return Describe(await SaveAsync(Failed(job,
            $"The import could not be completed after repeated attempts. {job.FailureReason}".Trim()), ct));
    }

    /// <summary>Validates and plans every row, stores the plan, and records that it is stored (or why the file failed).</summary>
    private async Task<(ImportJob Job, IReadOnlyList<PlannedRow>? Plan)> PlanAsync(ImportJob job, CancellationToken ct)
    {
        if (await cohorts.GetAsync(job.Cohort, ct) is not { } cohort)
            return (await SaveAsync(Failed(job, "The cohort no longer exists."), ct), null);
        using var reader = new StringReader(await files.ReadUploadAsync(job.Id, ct));
        var file = ApplicationCsv.Read(reader, stopAtBadRow: false);
        if (file.Error is { } error) return (await SaveAsync(Failed(job, $"The CSV cannot be read: {error}"), ct), null);
        // Whole milliseconds: the stamp must read back from the table exactly as it was written.
        var now = time.GetUtcNow();
        var stamp = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        // Ordered by partition, so a batch of 100 is one table transaction rather than one per bucket.
        var plan = ImportApplications.Plan(cohort.Cohort, file, await applications.ListAsync(job.Cohort, ct), stamp)
            .OrderBy(r => r.Write is { } w ? ApplicationEntity.PartitionFor(w.Cohort, w.Application.Email) : "",
                StringComparer.Ordinal)
            .ThenBy(r => r.Report.Line).ToList();
        await files.SavePlanAsync(job.Id, plan, ct);
        return (await SaveAsync(job with
        {
            Planned = true, Stamp = stamp, TotalRows = plan.Count, NextBatch = 0, LeaseUntil = time.GetUtcNow() + Lease,
            Batches = (plan.Count + ApplicationBatches.MaxPerTransaction - 1) / ApplicationBatches.MaxPerTransaction,
        }, ct), plan);
    }

    /// <summary>Writes batch NextBatch, stages its report lines, then moves the checkpoint past it with its counts.</summary>
    private async Task<ImportJob> WriteBatchAsync(ImportJob job, IReadOnlyList<PlannedRow> plan, CancellationToken ct)
    {
        var rows = plan.Skip(job.NextBatch * ApplicationBatches.MaxPerTransaction).Take(ApplicationBatches.MaxPerTransaction).ToList();
        var writes = rows.Where(r => r.Write is not null).Select(r => new BatchWrite(r.Write!, r.ExpectedETag)).ToList();
        var outcomes = writes.Count == 0 ? new Dictionary<string, string>() : await batches.WriteAsync(writes, ct);
        var report = rows.Select(r => r.Write is null ? r.Report : r.Report with { Outcome = outcomes[r.Write.Email] }).ToList();
        await files.StageReportAsync(job.Id, job.NextBatch, report, ct);
        int Count(string outcome) => report.Count(r => r.Outcome == outcome);
        return await SaveAsync(job with
        {
            NextBatch = job.NextBatch + 1, Added = job.Added + Count("added"), Updated = job.Updated + Count("updated"),
            Unchanged = job.Unchanged + Count("unchanged"), Rejected = job.Rejected + Count("rejected"),
            LeaseUntil = time.GetUtcNow() + Lease,
        }, ct);
    }

    private ImportJob Failed(ImportJob job, string reason) =>
        job with { Status = ImportStatus.Failed, LeaseUntil = null, FailureReason = reason, CompletedAt = time.GetUtcNow() };

    private async Task<ImportJob> SaveAsync(ImportJob job, CancellationToken ct) =>
        await jobs.TryReplaceAsync(job, ct) ?? throw new RetryLaterException($"Import {job.Id} changed meanwhile (another attempt)");

    private static string Describe(ImportJob j) =>
        $"Import {j.Id}: {j.Status}, {j.Added} added, {j.Updated} updated, {j.Unchanged} unchanged, {j.Rejected} rejected" +
        (j.FailureReason.Length > 0 ? $": {j.FailureReason}" : "");

    /// <summary>Another attempt holds the job: asked again when its lease ends, rather than burning the message's retries.</summary>
    private async Task<string> DeferAsync(ImportRequest request, ImportJob job, DateTimeOffset now, CancellationToken ct)
    {
        await queues.Get(StorageNames.ImportQueue).SendMessageAsync(JsonSerializer.Serialize(request, JsonSerializerOptions.Web),
            visibilityTimeout: job.LeaseUntil!.Value - now + TimeSpan.FromSeconds(5), cancellationToken: ct);
        return $"Import {job.Id} is held by another attempt until {job.LeaseUntil:u}; asked again then";
    }

    public static bool TryRead(string? text, out ImportRequest request)
    {
        request = new ImportRequest("", "");
        try
        {
            if (text is not null && JsonSerializer.Deserialize<ImportRequest>(text, JsonSerializerOptions.Web)
                    is { Cohort.Length: > 0, JobId.Length: > 0 } r)
                request = r;
        }
        catch (JsonException) { }
        return request.JobId.Length > 0;
    }
}
