using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using MentoringFunctions.Core.Privacy;
using MentoringFunctions.Imports;
using MentoringFunctions.Matching;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Privacy;

/// <summary>
/// Erasure in the blobs: each match run's result (the applicant snapshot keeps a placeholder in their place) and each
/// import's upload, plan and report. A blob is rewritten only when it mentions them, so erasing twice writes nothing.
/// </summary>
public sealed class PersonalDataBlobs(BlobServiceClient blobs, MatchRunStore runs, ImportJobStore imports)
{
    public async Task<int> ScrubCohortAsync(string cohort, PersonScrubber scrubber, CancellationToken ct)
    {
        var changed = 0;
        var results = blobs.GetBlobContainerClient(StorageNames.MatchResults);
        foreach (var run in await runs.ListAsync(cohort, ct))
            if (await ScrubBlobAsync(results.GetBlobClient(run.Id + ".json"), scrubber, ct)) changed++;
        var files = blobs.GetBlobContainerClient(StorageNames.ImportFiles);
        foreach (var job in await imports.ListAsync(cohort, ct))
            await foreach (var item in files.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None,
                               Azure.Storage.Blobs.Models.BlobStates.None, job.Id + "/", ct))
                if (await ScrubBlobAsync(files.GetBlobClient(item.Name), scrubber, ct)) changed++;
        return changed;
    }

    private static async Task<bool> ScrubBlobAsync(BlobClient blob, PersonScrubber scrubber, CancellationToken ct)
    {
        string text;
        ETag etag;
        try
        {
            var content = (await blob.DownloadContentAsync(ct)).Value;
            (text, etag) = (content.Content.ToString(), content.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { return false; }
        if (!scrubber.Mentions(text)) return false;
        var scrubbed = Path.GetExtension(blob.Name) switch
        {
            ".json" => scrubber.ScrubJson(JsonNode.Parse(text))!.ToJsonString(),
            ".jsonl" => scrubber.ScrubJsonLines(text),
            ".csv" => scrubber.ScrubCsv(text),
            _ => scrubber.Scrub(text),
        };
        // Only over the version read: a blob rewritten meanwhile (a retried run) fails here and the erasure is retried.
        await blob.UploadAsync(BinaryData.FromString(scrubbed),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = new() { IfMatch = etag } }, ct);
        return true;
    }
}
