using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MentoringFunctions.Tests.Privacy;

/// <summary>
/// Every table and every blob container of the storage account, whoever made them, searched for some words: each
/// property of each entity (keys too) and each blob's content and name. Nothing is listed by hand, so a table or
/// container added later is searched as well.
/// </summary>
public static class StorageScan
{
    public static async Task<IReadOnlyList<string>> FindAsync(TableServiceClient tables, BlobServiceClient blobs,
        params string[] words)
    {
        var found = new List<string>();
        bool Has(string? text) => text is not null && words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        await foreach (var table in tables.QueryAsync())
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                foreach (var (key, value) in entity)
                    if (key != "odata.etag" && Has(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)))
                        found.Add($"table {table.Name} {entity.PartitionKey} / {entity.RowKey}: {key}");
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
            {
                if (Has(blob.Name)) found.Add($"blob name {container.Name}/{blob.Name}");
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                if (Has(content)) found.Add($"blob {container.Name}/{blob.Name}");
            }
        }
        return found;
    }
}
