using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentoringFunctions.Email;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Email;

/// <summary>Delivery through the real SendGrid client against a local fake of its API.</summary>
[Collection(AppCollection.Name)]
public class DeliveryTests(AppFixture app)
{
    private async Task<Invocation> InvokeAsync(string function, string? message = null)
    {
        var result = message is null ? await app.TimerAsync(function) : await app.QueueAsync(function, message);
        Assert.True(result.Succeeded, result.Error?.ToString());   // a failure would make the host retry the message
        return result;
    }

    [Fact]
    public async Task A_queued_outbox_pointer_is_delivered_through_SendGrid()
    {
        var cohort = await app.CreateCohortAsync(workingGroup: []);
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "dora@example.org", "Dora"));
        var email = Assert.Single(await app.OutboxAsync(cohort));

        var pointer = JsonSerializer.Serialize(new OutboxPointer(email.PartitionKey, email.RowKey));
        var result = await InvokeAsync("SendEmail", pointer);

        Assert.Contains(result.Logs, l => l.EndsWith(": Sent"));
        var sent = Assert.Single(app.SendGrid.To("dora@example.org"));
        Assert.Equal("Bearer SG.test-key", sent.Authorization);
        Assert.Equal(email.Subject, sent.Subject);
        Assert.Contains("Dear Dora", sent.Text);
        Assert.Contains("<p>Dear Dora,</p>", sent.Html);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await app.OutboxAsync(cohort)).Status);

        // The same message delivered again (at-least-once queues) sends nothing more.
        await InvokeAsync("SendEmail", pointer);
        Assert.Single(app.SendGrid.To("dora@example.org"));
    }

    [Fact]
    public async Task A_429_and_a_500_are_retried_with_backoff_until_delivered()
    {
        var cohort = await app.CreateCohortAsync(workingGroup: []);
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "eve@example.org", "Eve"));
        var key = Assert.Single(await app.OutboxAsync(cohort));
        app.SendGrid.Script("eve@example.org", HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError);

        var pointer = JsonSerializer.Serialize(new OutboxPointer(key.PartitionKey, key.RowKey));
        var first = await InvokeAsync("SendEmail", pointer);
        Assert.Contains(first.Logs, l => l.EndsWith("RetryLater"));   // acknowledged: the outbox owns the retry
        var email = Assert.Single(await app.OutboxAsync(cohort));
        Assert.Equal((OutboxStatus.Pending, 1), (email.Status, email.Attempts));
        Assert.Contains("429", email.LastError);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), email.NextAttemptAt);

        await InvokeAsync("DeliverOutbox");
        Assert.Single(app.SendGrid.To("eve@example.org"));              // not due yet: no request

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await InvokeAsync("DeliverOutbox");
        email = Assert.Single(await app.OutboxAsync(cohort));
        Assert.Equal((OutboxStatus.Pending, 2), (email.Status, email.Attempts));
        Assert.Contains("500", email.LastError);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), email.NextAttemptAt);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await InvokeAsync("DeliverOutbox");
        email = Assert.Single(await app.OutboxAsync(cohort));
        Assert.Equal((OutboxStatus.Sent, 3), (email.Status, email.Attempts));
        Assert.Equal(3, app.SendGrid.To("eve@example.org").Count);
    }

    [Fact]
    public async Task A_permanent_refusal_is_kept_as_failed_for_a_person_to_see()
    {
        var cohort = await app.CreateCohortAsync(workingGroup: []);
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "fay@example.org", "Fay"));
        var key = Assert.Single(await app.OutboxAsync(cohort));
        app.SendGrid.Script("fay@example.org", HttpStatusCode.BadRequest);
        await InvokeAsync("SendEmail", JsonSerializer.Serialize(new OutboxPointer(key.PartitionKey, key.RowKey)));
        var email = Assert.Single(await app.OutboxAsync(cohort));
        Assert.Equal(OutboxStatus.Failed, email.Status);
        Assert.Contains("400", email.LastError);
    }

    [Fact]
    public async Task A_message_that_is_not_a_pointer_is_acknowledged_not_retried_forever()
    {
        var result = await InvokeAsync("SendEmail", "hello");
        Assert.Contains(result.Logs, l => l.Contains("not an outbox pointer"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 60)]
    [InlineData(30, 60)]
    public void Backoff_doubles_up_to_an_hour(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxDelivery.Backoff(attempts));
}
