using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Fuzz;

/// <summary>The fuzz suite's "0 writes" is only as good as its snapshot: each kind of write must show in the diff.</summary>
[Collection(AppCollection.Name)]
public class TableSnapshotTests(AppFixture app)
{
    [Fact]
    public async Task A_blob_or_a_queue_message_written_between_two_snapshots_is_a_difference()
    {
        var name = "snapshot-" + Guid.NewGuid().ToString("N")[..8];
        var container = app.Azurite.Blobs.GetBlobContainerClient(name);
        await container.CreateAsync();
        var queue = app.Azurite.Queues.GetQueueClient(name);
        await queue.CreateAsync();
        var before = await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs, app.Azurite.Queues);

        await container.UploadBlobAsync("x.txt", BinaryData.FromString("x"));
        await queue.SendMessageAsync("x");

        var diff = TableSnapshot.Diff(before, await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs, app.Azurite.Queues));
        Assert.Equal([$"added blob {name}/x.txt", $"changed queue {name}"], diff.Order(StringComparer.Ordinal));
        await container.DeleteAsync();
        await queue.DeleteAsync();
    }
}
