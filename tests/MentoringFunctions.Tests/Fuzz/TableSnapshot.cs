using System.Text;
using Azure.Data.Tables;

namespace MentoringFunctions.Tests.Fuzz;

/// <summary>
/// Every entity of every table, every property with its ETag and timestamp, as sorted text: two equal
/// snapshots mean nothing was added, removed, changed or even rewritten with the same values. With the
/// storage account's other services, also every blob (name and ETag) and every queue's message count.
/// </summary>
public static class TableSnapshot
{
    public static async Task<SortedDictionary<string, string>> TakeAsync(TableServiceClient service,
        Azure.Storage.Blobs.BlobServiceClient? blobs = null, Azure.Storage.Queues.QueueServiceClient? queues = null)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (blobs is not null)
            await foreach (var container in blobs.GetBlobContainersAsync())
                await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync(
                                   Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None,
                                   null, CancellationToken.None))
                    rows[$"blob {container.Name}/{blob.Name}"] = blob.Properties.ETag?.ToString() ?? "";
        if (queues is not null)
            await foreach (var queue in queues.GetQueuesAsync())
                rows[$"queue {queue.Name}"] = (await queues.GetQueueClient(queue.Name).GetPropertiesAsync()).Value
                    .ApproximateMessagesCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await foreach (var table in service.QueryAsync())
        {
            rows[$"table {table.Name}"] = "";
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = new StringBuilder();
                foreach (var key in entity.Keys.Order(StringComparer.Ordinal))
                    text.Append(key).Append('=').Append(Convert.ToString(entity[key], System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                rows[$"{table.Name}|{entity.PartitionKey}|{entity.RowKey}"] = text.ToString();
            }
        }
        return rows;
    }

    /// <summary>What differs, one line per row, for a failure message.</summary>
    public static IReadOnlyList<string> Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
    [
        .. after.Keys.Except(before.Keys).Select(k => $"added {k}"),
        .. before.Keys.Except(after.Keys).Select(k => $"removed {k}"),
        .. before.Keys.Intersect(after.Keys).Where(k => before[k] != after[k]).Select(k => $"changed {k}"),
    ];
}
