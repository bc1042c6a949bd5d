using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Imports;

public abstract record StartOutcome
{
    /// <summary>The file as a whole cannot be imported (nothing sent, not a CSV, the wrong header): nothing stored.</summary>
    public sealed record Refused(string Reason) : StartOutcome;
    public sealed record Accepted(ImportJob Job, bool Existing) : StartOutcome;
    /// <summary>The file uses topics or regions the cohort lacks: it is kept aside as upload Id, and no job exists yet.</summary>
    public sealed record NeedsConfirmation(string Id, string FileName, int Rows, UnknownValues Unknown) : StartOutcome;
}

/// <summary>
/// Takes an upload: checks it is an application CSV, stores it as a blob, records a Queued job and queues it.
/// The job's id is derived from the cohort and the file's content (and an Idempotency-Key when one is sent), so a
/// retried upload of the same file finds the job it made rather than starting a second one.
/// </summary>
public sealed class StartImport(ImportJobStore jobs, ImportFiles files, QueueClientFactory queues, TimeProvider time)
{
    public async Task<StartOutcome> StartAsync(string cohort, string fileName, byte[] csv, string? idempotencyKey,
        CancellationToken ct)
    {
        if (csv.Length == 0) return new StartOutcome.Refused("Send the CSV as the body (text/csv) or as a file field named 'file'.");
        var text = Encoding.UTF8.GetString(csv);
        using (var reader = new StringReader(text))
            if (ApplicationCsv.Read(reader, stopAtBadRow: false).Error is { } error)
                return new StartOutcome.Refused(error);

        var id = JobId(cohort, csv, idempotencyKey);
        await files.SaveUploadAsync(id, csv, ct);
        var job = ImportJob.Queued(id, cohort, Clean(fileName), time.GetUtcNow());
        var existing = false;
        if (await jobs.AddAsync(job, ct) == WriteOutcome.Conflict)
        {
            job = await jobs.GetAsync(cohort, id, ct) ?? throw new InvalidOperationException($"Import {id} vanished.");
            existing = true;
        }
        // Also for a retried upload whose first attempt stored the job but lost the message.
        if (job.Status == ImportStatus.Queued)
            await queues.Get(StorageNames.ImportQueue).SendMessageAsync(
                JsonSerializer.Serialize(new ImportRequest(cohort, id), JsonSerializerOptions.Web), ct);
        return new StartOutcome.Accepted(job, existing);
    }

    public static string JobId(string cohort, byte[] csv, string? idempotencyKey)
    {
        var hash = Convert.ToHexString(SHA256.HashData(csv));
        return "i" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{cohort}|{hash}|{idempotencyKey}")))[..20]
            .ToLowerInvariant();
    }

    /// <summary>
    /// The working group's upload from its page: as <see cref="StartAsync"/>, except that a file using topics or regions
    /// the cohort lacks starts no job. Its upload is kept (a blob, no rows) until the group adds them or cancels.
    /// </summary>
    public async Task<StartOutcome> StartCheckedAsync(Core.Cohorts.Cohort cohort, string fileName, byte[] csv, CancellationToken ct)
    {
        var id = JobId(cohort.Id, csv, null);
        CsvFile file;
        using (var reader = new StringReader(Encoding.UTF8.GetString(csv))) file = ApplicationCsv.Read(reader, stopAtBadRow: false);
        // An unreadable file is refused as before; the same file again finds the job it already made.
        if (csv.Length == 0 || file.Error is not null || await jobs.GetAsync(cohort.Id, id, ct) is not null)
            return await StartAsync(cohort.Id, fileName, csv, null, ct);
        var unknown = UnknownValues.Find(file, cohort.Topics, cohort.Regions);
        if (unknown.IsEmpty) return await StartAsync(cohort.Id, fileName, csv, null, ct);
        await files.SaveUploadAsync(id, csv, ct);
        return new StartOutcome.NeedsConfirmation(id, Clean(fileName), file.Rows.Count, unknown);
    }

    /// <summary>The name shown on the status page: the file's own name, without a path or control characters.</summary>
    public static string Clean(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).Take(200).ToArray()).Trim();
        return name.Length > 0 ? name : "upload.csv";
    }
}
