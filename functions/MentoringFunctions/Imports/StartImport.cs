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

        var hash = Convert.ToHexString(SHA256.HashData(csv));
        var id = "i" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{cohort}|{hash}|{idempotencyKey}")))[..20]
            .ToLowerInvariant();
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

    /// <summary>The name shown on the status page: the file's own name, without a path or control characters.</summary>
    private static string Clean(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).Take(200).ToArray()).Trim();
        return name.Length > 0 ? name : "upload.csv";
    }
}
