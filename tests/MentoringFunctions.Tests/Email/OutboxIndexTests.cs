using Azure;
using MentoringFunctions.Email;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Email;

/// <summary>
/// The minute timer finds due mail through the index: it reads what is due, not what was sent, and no crash
/// between two writes loses an e-mail or sends one twice.
/// </summary>
[Collection(AppCollection.Name)]
public class OutboxIndexTests(AppFixture app)
{
    private OutboxWorld World() => new(app, app.Clock.GetUtcNow().AddMinutes(5));

    [Fact]
    public async Task A_pass_reads_the_same_number_of_entities_however_much_mail_was_sent()
    {
        using var world = World();
        await world.Delivery.DeliverDueAsync(default);           // whatever other tests left due
        var before = await world.Delivery.DeliverDueAsync(default);

        Assert.Equal(60, await world.Outbox.EnqueueManyAsync(Enumerable.Range(0, 60).Select(world.Message).ToList()));
        var sending = await world.Delivery.DeliverDueAsync(default);
        Assert.Equal(60, sending.Outcomes[DeliveryOutcome.Sent]);
        Assert.True(sending.EntitiesRead >= 120, $"{sending.EntitiesRead}: a row and a message for each e-mail sent");
        Assert.All(await world.StoredAsync(), e => Assert.Equal(OutboxStatus.Sent, e.Status));

        var after = await world.Delivery.DeliverDueAsync(default);
        Assert.Equal(before.EntitiesRead, after.EntitiesRead);    // 60 more sent e-mails, not one more entity read
        Assert.Empty(after.Outcomes);
        var index = await world.IndexAsync();
        Assert.Equal(60, index.Count);
        Assert.All(index, row => Assert.Equal(OutboxIndex.Sent(world.Clock.GetUtcNow()), row.Partition));
    }

    [Fact]
    public async Task A_retry_moves_its_row_to_the_minute_it_is_due_and_is_not_read_before()
    {
        using var world = World();
        app.SendGrid.Script($"p1@{world.Cohort}.example", System.Net.HttpStatusCode.ServiceUnavailable);
        await world.Outbox.EnqueueAsync(world.Message(1));
        await world.TimerAsync("DeliverOutbox");
        var next = world.Clock.GetUtcNow() + OutboxDelivery.Backoff(1);
        Assert.Equal([(OutboxIndex.Due(next), "test~2F" + world.Cohort + "~2F1")], await world.IndexAsync());

        world.Clock.Advance(OutboxDelivery.Backoff(1) - TimeSpan.FromSeconds(1));
        await world.TimerAsync("DeliverOutbox");
        Assert.Single(app.SendGrid.To($"p1@{world.Cohort}.example"));
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        await world.TimerAsync("DeliverOutbox");
        Assert.Equal(2, app.SendGrid.To($"p1@{world.Cohort}.example").Count);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await world.StoredAsync()).Status);
    }

    [Fact]
    public async Task A_crash_after_the_index_row_and_before_the_message_loses_nothing_and_leaves_nothing()
    {
        using var world = World();
        var stopped = world.Stopping(StorageNames.Outbox);
        await Assert.ThrowsAsync<RequestFailedException>(() => stopped.EnqueueAsync(world.Message(1)));
        await Assert.ThrowsAsync<RequestFailedException>(() => stopped.EnqueueAsync(world.Message(2)));
        Assert.Empty(await world.StoredAsync());
        Assert.Equal(2, (await world.IndexAsync()).Count);       // rows pointing at nothing

        // The caller tries again (a request retried, the rhythm's next run): the row is already there and the e-mail goes.
        Assert.True(await world.Outbox.EnqueueAsync(world.Message(1)));
        await world.TimerAsync("DeliverOutbox");
        Assert.Single(app.SendGrid.To($"p1@{world.Cohort}.example"));
        Assert.Equal(2, (await world.IndexAsync()).Count);       // its sent row, and the orphan, kept within the grace

        world.Clock.Advance(Outbox.OrphanGrace + TimeSpan.FromMinutes(1));
        await world.TimerAsync("DeliverOutbox");
        Assert.Equal([OutboxIndex.Sent(world.Clock.GetUtcNow() - Outbox.OrphanGrace - TimeSpan.FromMinutes(1))],
            (await world.IndexAsync()).Select(r => r.Partition));
        Assert.Empty(app.SendGrid.To($"p2@{world.Cohort}.example"));
        Assert.Single(app.SendGrid.To($"p1@{world.Cohort}.example"));
    }

    [Fact]
    public async Task A_crash_after_sending_and_before_the_index_is_moved_sends_nothing_twice_and_keeps_the_retention()
    {
        using var world = World();
        await world.Outbox.EnqueueAsync(world.Message(1));
        var email = Assert.Single(await world.StoredAsync());
        var stopped = world.DeliveryOver(world.Stopping(StorageNames.OutboxIndex));
        await Assert.ThrowsAsync<RequestFailedException>(
            () => stopped.DeliverAsync(email.PartitionKey, email.RowKey, default));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await world.StoredAsync()).Status);
        var sentAt = world.Clock.GetUtcNow();
        Assert.Equal([OutboxIndex.Due(sentAt)], (await world.IndexAsync()).Select(r => r.Partition));   // the due row stayed

        world.Clock.Advance(OutboxDelivery.Lease + TimeSpan.FromMinutes(1));
        await world.TimerAsync("DeliverOutbox");
        Assert.Single(app.SendGrid.To($"p1@{world.Cohort}.example"));
        Assert.Equal([OutboxIndex.Sent(sentAt)], (await world.IndexAsync()).Select(r => r.Partition));

        world.Clock.SetUtcNow(sentAt.AddDays(30));
        await world.TimerAsync("OutboxUpkeep");
        Assert.Equal("", Assert.Single(await world.StoredAsync()).Text);
    }

    [Fact]
    public async Task A_crash_mid_send_is_sent_again_by_the_timer_when_its_lease_ends()
    {
        using var world = World();
        await world.Outbox.EnqueueAsync(world.Message(1));
        var stored = Assert.Single(await world.StoredAsync());
        var email = await world.Outbox.GetAsync(stored.PartitionKey, stored.RowKey);
        // Claimed, then the process died before any outcome was written.
        Assert.NotNull(await world.Outbox.TryUpdateAsync(email! with
            { Status = OutboxStatus.Sending, LeaseUntil = world.Clock.GetUtcNow() + OutboxDelivery.Lease }));

        await world.TimerAsync("DeliverOutbox");
        Assert.Empty(app.SendGrid.To($"p1@{world.Cohort}.example"));           // its lease still holds
        world.Clock.Advance(OutboxDelivery.Lease);
        await world.TimerAsync("DeliverOutbox");
        Assert.Single(app.SendGrid.To($"p1@{world.Cohort}.example"));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await world.StoredAsync()).Status);
    }

    [Fact]
    public async Task An_unsent_message_without_an_index_row_is_found_by_the_daily_upkeep()
    {
        using var world = World();
        await world.Outbox.EnqueueAsync(world.Message(1));
        var email = Assert.Single(await world.StoredAsync());
        // Its row removed (a message stored before the index existed looks the same).
        var row = Assert.Single(await world.IndexAsync());
        var pointer = new OutboxPointer(email.PartitionKey, email.RowKey);
        await app.Table(StorageNames.OutboxIndex).DeleteEntityAsync(OutboxIndex.In(row.Partition, pointer),
            email.PartitionKey + "|" + email.RowKey);

        await world.TimerAsync("DeliverOutbox");
        Assert.Empty(app.SendGrid.To($"p1@{world.Cohort}.example"));            // the minute timer reads only the index
        await world.TimerAsync("OutboxUpkeep");
        await world.TimerAsync("DeliverOutbox");
        Assert.Single(app.SendGrid.To($"p1@{world.Cohort}.example"));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await world.StoredAsync()).Status);
    }
}
