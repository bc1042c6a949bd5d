using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using MentoringFunctions.Applications;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Imports;

/// <summary>
/// An import's blobs in the "imports" container: the upload as sent ({job}/upload.csv), the plan ({job}/plan.json)
/// and the per-row report ({job}/report.jsonl, one JSON line per row). The report is a block blob with one block per
/// batch, staged under the batch's number before the job's checkpoint moves past it, and committed when the job
/// ends: a batch done again after a crash stages the same block again instead of adding lines twice.
/// </summary>
public sealed class ImportFiles(BlobServiceClient blobs)
{
    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.ImportFiles);

    public async Task SaveUploadAsync(string jobId, byte[] csv, CancellationToken ct) =>
        await Container.GetBlobClient($"{jobId}/upload.csv").UploadAsync(new BinaryData(csv), overwrite: true, ct);

    public async Task<string> ReadUploadAsync(string jobId, CancellationToken ct) =>
        (await Container.GetBlobClient($"{jobId}/upload.csv").DownloadContentAsync(ct)).Value.Content.ToString();

    public async Task<byte[]?> FindUploadAsync(string jobId, CancellationToken ct)
    {
        var blob = Container.GetBlobClient($"{jobId}/upload.csv");
        return await blob.ExistsAsync(ct) ? (await blob.DownloadContentAsync(ct)).Value.Content.ToArray() : null;
    }

    public async Task DeleteUploadAsync(string jobId, CancellationToken ct) =>
        await Container.GetBlobClient($"{jobId}/upload.csv").DeleteIfExistsAsync(cancellationToken: ct);

    public async Task SavePlanAsync(string jobId, IReadOnlyList<PlannedRow> plan, CancellationToken ct) =>
        await Container.GetBlobClient($"{jobId}/plan.json")
            .UploadAsync(BinaryData.FromObjectAsJson(plan, JsonSerializerOptions.Web), overwrite: true, ct);

    public async Task<IReadOnlyList<PlannedRow>> ReadPlanAsync(string jobId, CancellationToken ct) =>
        (await Container.GetBlobClient($"{jobId}/plan.json").DownloadContentAsync(ct)).Value.Content
        .ToObjectFromJson<List<PlannedRow>>(JsonSerializerOptions.Web)
        ?? throw new InvalidDataException($"The plan of import {jobId} is empty.");

    public async Task StageReportAsync(string jobId, int batch, IEnumerable<ImportRow> rows, CancellationToken ct)
    {
        var lines = new StringBuilder();
        foreach (var row in rows) lines.Append(JsonSerializer.Serialize(row, JsonSerializerOptions.Web)).Append('\n');
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString()));
        await Report(jobId).StageBlockAsync(BlockId(batch), content, cancellationToken: ct);
    }

    public async Task CommitReportAsync(string jobId, int batches, CancellationToken ct) =>
        await Report(jobId).CommitBlockListAsync(Enumerable.Range(0, batches).Select(BlockId), cancellationToken: ct);

    public async Task<IReadOnlyList<ImportRow>> ReadReportAsync(string jobId, CancellationToken ct)
    {
        var text = (await Report(jobId).DownloadContentAsync(ct)).Value.Content.ToString();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<ImportRow>(line, JsonSerializerOptions.Web)!)
            .OrderBy(r => r.Line).ToList();   // batches follow the plan's partition order, the report the file's
    }

    private BlockBlobClient Report(string jobId) => Container.GetBlockBlobClient($"{jobId}/report.jsonl");

    // Block ids of one blob must all have the same length.
    private static string BlockId(int batch) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"batch-{batch:D7}"));
}
