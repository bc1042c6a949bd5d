using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentoringFunctions.Email;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Tests.Email;

/// <summary>Sent mail keeps its body for the retention and then only the record of the send; each send is traceable.</summary>
[Collection(AppCollection.Name)]
public class OutboxRetentionTests(AppFixture app)
{
    [Fact]
    public async Task Bodies_are_removed_thirty_days_after_sending_and_not_before_and_the_record_stays()
    {
        using var world = new OutboxWorld(app, app.Clock.GetUtcNow().AddMinutes(10));
        Assert.Equal(30, world.Worker.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.BodyRetentionDays);
        await world.Outbox.EnqueueAsync(world.Message(1));
        await world.TimerAsync("DeliverOutbox");
        var sent = Assert.Single(await world.StoredAsync());
        var sentAt = world.Clock.GetUtcNow();
        Assert.Equal((OutboxStatus.Sent, sentAt), (sent.Status, sent.SentAt));

        world.Clock.SetUtcNow(sentAt.AddDays(30).AddMinutes(-1));
        await world.TimerAsync("OutboxUpkeep");
        var kept = Assert.Single(await world.StoredAsync());
        Assert.Equal(($"Body 1 of {world.Cohort}", $"<p>Body 1 of {world.Cohort}</p>"), (kept.Text, kept.Html));
        Assert.Null(kept.BodyRemovedAt);

        world.Clock.SetUtcNow(sentAt.AddDays(30));
        var upkeep = await world.TimerAsync("OutboxUpkeep");
        Assert.Contains(upkeep.Logs, l => l.Contains("bodies removed"));
        var trimmed = Assert.Single(await world.StoredAsync());
        Assert.Equal(("", "", "", ""), (trimmed.Text, trimmed.Html, trimmed.Headers, trimmed.Attachments));
        Assert.Equal(world.Clock.GetUtcNow(), trimmed.BodyRemovedAt);
        Assert.Equal((sent.Kind, sent.RowKey, sent.ToEmail, sent.Subject, sent.SentAt, OutboxStatus.Sent, 1),
            (trimmed.Kind, trimmed.RowKey, trimmed.ToEmail, trimmed.Subject, trimmed.SentAt, trimmed.Status, trimmed.Attempts));
        Assert.Empty(await world.IndexAsync());                  // its sent row went with the body: nothing left to read
    }

    [Fact]
    public async Task The_retention_is_a_setting()
    {
        using var world = new OutboxWorld(app, app.Clock.GetUtcNow().AddMinutes(15));
        using var worker = app.WorkerWith(s => s.AddSingleton<TimeProvider>(world.Clock)
            .Configure<OutboxOptions>(o => o.BodyRetentionDays = 2));
        await world.Outbox.EnqueueAsync(world.Message(1));
        await world.TimerAsync("DeliverOutbox");
        world.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True((await Functions.TimerAsync(worker.Services, "OutboxUpkeep")).Succeeded);
        Assert.Equal("", Assert.Single(await world.StoredAsync()).Text);
    }

    [Fact]
    public async Task Each_send_carries_its_outbox_key_and_attempt_in_sendgrids_custom_args()
    {
        var cohort = await app.CreateCohortAsync(workingGroup: []);
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "gil@example.org", "Gil"));
        var email = Assert.Single(await app.OutboxAsync(cohort));
        app.SendGrid.Script("gil@example.org", HttpStatusCode.GatewayTimeout);
        var pointer = JsonSerializer.Serialize(new OutboxPointer(email.PartitionKey, email.RowKey));
        Assert.True((await app.QueueAsync("SendEmail", pointer)).Succeeded);
        app.Clock.Advance(OutboxDelivery.Backoff(1));
        Assert.True((await app.TimerAsync("DeliverOutbox")).Succeeded);

        var attempts = app.SendGrid.To("gil@example.org").Select(s => s.Raw.GetProperty("personalizations")[0]
            .GetProperty("custom_args").Deserialize<Dictionary<string, string>>()!).ToList();
        Assert.Equal(2, attempts.Count);
        // The key as the outbox and EmailKinds.Key write it (not its escaped row key), and where it is stored.
        var key = MentoringFunctions.Storage.TableKeys.Decode(email.RowKey);
        Assert.StartsWith($"application-received/{cohort}/", key);
        Assert.All(attempts, a => Assert.Equal((key, email.PartitionKey), (a["outbox_key"], a["outbox_partition"])));
        Assert.Equal(["1", "2"], attempts.Select(a => a["outbox_attempt"]));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await app.OutboxAsync(cohort)).Status);
    }

    [Fact]
    public async Task The_outbox_page_lists_the_weeks_mail_and_anything_unsent_however_old()
    {
        var now = app.Clock.GetUtcNow();
        using var world = new OutboxWorld(app, now.AddDays(-30));
        app.SendGrid.Script($"p2@{world.Cohort}.example", HttpStatusCode.BadRequest);
        foreach (var i in new[] { 1, 2 }) await world.Outbox.EnqueueAsync(world.Message(i));
        await world.TimerAsync("DeliverOutbox");
        await world.Outbox.EnqueueAsync(world.Message(3));
        world.Clock.SetUtcNow(now);
        await world.Outbox.EnqueueAsync(world.Message(4));
        var fresh = (await world.StoredAsync()).Single(e => e.ToEmail.StartsWith("p4@", StringComparison.Ordinal));
        Assert.Equal(DeliveryOutcome.Sent, await world.Delivery.DeliverAsync(fresh.PartitionKey, fresh.RowKey, default));

        var page = await app.AdminClient().GetStringAsync("/manage/outbox");
        Assert.DoesNotContain($"Hello 1 of {world.Cohort}", page);   // sent a month ago
        Assert.Contains($"Hello 2 of {world.Cohort}", page);         // refused a month ago, kept for a person to see
        Assert.Contains($"Body 2 of {world.Cohort}", page);
        Assert.Contains($"Hello 3 of {world.Cohort}", page);         // not yet sent
        Assert.Contains($"Hello 4 of {world.Cohort}", page);         // sent this week
        Assert.Contains($"Body 4 of {world.Cohort}", page);
    }
}
