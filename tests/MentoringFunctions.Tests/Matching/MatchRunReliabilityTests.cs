using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Applications;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;

namespace MentoringFunctions.Tests.Matching;

[Collection(AppCollection.Name)]
public class MatchRunReliabilityTests(AppFixture app)
{
    private MatchRunStore Store => app.Factory.Services.GetRequiredService<MatchRunStore>();

    private async Task<MatchRun> SetAsync(string runId, Func<MatchRun, MatchRun> change)
    {
        var run = (await Store.GetAsync(runId, CancellationToken.None))!;
        var written = await Store.TryReplaceAsync(change(run), CancellationToken.None);
        Assert.NotNull(written);   // the ETag-guarded write was Done
        return written;
    }

    [Fact]
    public async Task A_duplicate_delivery_while_an_attempt_runs_is_retried_later_and_a_crashed_attempt_is_taken_over()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        // An attempt holds the run (as if it were computing right now).
        await SetAsync(run.Id, r => r with
        {
            Status = RunStatus.Running, Attempts = 1, LeaseUntil = app.Clock.GetUtcNow().AddMinutes(5),
        });

        var queue = app.Worker.Services.GetRequiredService<QueueClientFactory>().Get(StorageNames.MatchQueue);
        var waiting = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var duplicate = await ProcessAsync(app, cohort, run.Id, dequeueCount: 2);
        // Acknowledged and asked again when the lease ends: retrying now would burn the dequeue count and poison a healthy run.
        Assert.True(duplicate.Succeeded, duplicate.Error?.ToString());
        Assert.Contains(duplicate.Logs, l => l.Contains("held by another attempt"));
        Assert.Equal(waiting + 1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(RunStatus.Running, (await GetAsync(app, run.Id)).Status);

        // That attempt crashed: once its lease has run out, the next delivery takes the run over.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var retry = await ProcessAsync(app, cohort, run.Id, dequeueCount: 3);
        Assert.True(retry.Succeeded, retry.Error?.ToString());
        var done = await GetAsync(app, run.Id);
        Assert.Equal((RunStatus.Completed, 2), (done.Status, done.Attempts));
    }

    [Fact]
    public async Task Each_attempt_leaves_a_watchdog_that_arrives_when_its_lease_ends_and_takes_over_from_a_killed_attempt()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        var queue = app.Worker.Services.GetRequiredService<QueueClientFactory>().Get(StorageNames.MatchQueue);
        var waiting = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        Assert.True((await ProcessAsync(app, cohort, run.Id)).Succeeded);
        // One more message (sent to show when the 5-minute lease would have ended, as a deferred duplicate is).
        Assert.Equal(waiting + 1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        // That watchdog, for a finished run, is acknowledged without work.
        Assert.Contains((await ProcessAsync(app, cohort, run.Id, dequeueCount: 1)).Logs, l => l.Contains("already Completed"));

        // An attempt that was killed after claiming: the watchdog finds the lease over and takes the run over.
        var killed = await StartAsync(app, cohort);
        await SetAsync(killed.Id, r => r with { Status = RunStatus.Running, Attempts = 1, LeaseUntil = app.Clock.GetUtcNow().AddSeconds(-5) });
        Assert.True((await ProcessAsync(app, cohort, killed.Id)).Succeeded);
        var done = await GetAsync(app, killed.Id);
        Assert.Equal((RunStatus.Completed, 2), (done.Status, done.Attempts));
    }

    [Fact]
    public async Task A_run_whose_attempts_all_died_fails_after_as_many_attempts_as_the_host_allows()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        await SetAsync(run.Id, r => r with { Status = RunStatus.Running, Attempts = 5, LeaseUntil = app.Clock.GetUtcNow().AddSeconds(-5) });

        Assert.True((await ProcessAsync(app, cohort, run.Id)).Succeeded);

        var failed = await GetAsync(app, run.Id);
        Assert.Equal((RunStatus.Failed, 5), (failed.Status, failed.Attempts));
        Assert.Contains("Gave up after 5 attempts", failed.FailureReason);
        Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "match-run-finished" && e.Subject.Contains("failed"));
    }

    [Fact]
    public async Task Poison_message_marks_the_run_failed_with_the_reason()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        // While an attempt still holds the run, a poisoned duplicate must not fail it.
        await SetAsync(run.Id, r => r with
        {
            Status = RunStatus.Running, Attempts = 5, LeaseUntil = app.Clock.GetUtcNow().AddMinutes(5),
            FailureReason = "Attempt 5 failed: boom",
        });
        var deferred = await ProcessAsync(app, cohort, run.Id, function: "RunMatchingPoison");
        Assert.Contains(deferred.Logs, l => l.Contains("held by another attempt"));
        Assert.Equal(RunStatus.Running, (await GetAsync(app, run.Id)).Status);

        // Its holder died: the lease ran out, and the poison handler fails the run with the reason.
        await SetAsync(run.Id, r => r with { LeaseUntil = app.Clock.GetUtcNow().AddMinutes(-1) });
        var poisoned = await ProcessAsync(app, cohort, run.Id, function: "RunMatchingPoison");
        Assert.True(poisoned.Succeeded, poisoned.Error?.ToString());
        var failed = await GetAsync(app, run.Id);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Contains("repeated attempts", failed.FailureReason);
        Assert.Contains("boom", failed.FailureReason);
        Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "match-run-finished" && e.Subject.Contains("failed"));
    }

    [Fact]
    public async Task A_failing_attempt_hands_the_run_back_and_the_last_one_marks_it_failed_before_poison()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        // Storage for applications fails (e.g. a throttled account) on every attempt.
        var broken = new Mock<TableClient>();
        broken.Setup(t => t.QueryAsync(It.IsAny<System.Linq.Expressions.Expression<Func<ApplicationEntity, bool>>>(), null, null, It.IsAny<CancellationToken>()))
            .Throws(new RequestFailedException(503, "Server busy"));
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(StorageNames.Applications)).Returns(broken.Object);
        // The worker's graph with that one repository replaced: the function class and its use case are the app's own.
        using var worker = app.WorkerWith(s => s.AddSingleton(new ApplicationRepository(tables.Object)));

        var first = await ProcessAsync(worker.Services, cohort, run.Id, dequeueCount: 1);
        Assert.IsType<RetryLaterException>(first.Error);
        var afterFirst = await GetAsync(app, run.Id);
        Assert.Equal(RunStatus.Queued, afterFirst.Status);                          // free for the retry, not stuck
        Assert.Contains("Server busy", afterFirst.FailureReason);

        var last = await ProcessAsync(worker.Services, cohort, run.Id, dequeueCount: 5);
        Assert.IsType<RetryLaterException>(last.Error);                               // so the host moves it to poison
        var failed = await GetAsync(app, run.Id);
        Assert.Equal((RunStatus.Failed, 2), (failed.Status, failed.Attempts));
        Assert.Contains("Gave up after 2 attempts", failed.FailureReason);
    }

    [Fact]
    public async Task A_run_over_its_time_budget_is_marked_failed_with_the_reason()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        // A clock that moves a minute every time it is read: the engine "takes" longer than the 30 s budget.
        var slow = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(app.Clock.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.FromMinutes(1) };
        using var worker = app.WorkerWith(s => s.AddSingleton<TimeProvider>(slow)
            .Configure<MatchRunOptions>(o => o.RunBudget = TimeSpan.FromSeconds(30)));

        var result = await ProcessAsync(worker.Services, cohort, run.Id);

        Assert.True(result.Succeeded);                       // recorded, not retried: a re-run would not be faster
        var failed = await GetAsync(app, run.Id);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Contains("exceeded its time budget of 0.5 minutes", failed.FailureReason);
    }

    [Fact]
    public async Task A_large_result_is_one_blob_read_back_whole_and_only_once_the_run_records_it()
    {
        var runId = "blob-test-" + Guid.NewGuid().ToString("N")[..8];
        var applicants = Enumerable.Range(0, 20_000).Select(i => new ApplicantSnapshot($"a{i:D6}", Core.Applications.Role.Mentee,
            $"Person {i} with a long enough name", $"p{i}@example.org", "Some Organisation Ltd", 7, "London", "either",
            ["Finance", "Policy"], ["Metering"], 1, 1)).ToList();   // ~4 MB of JSON: over a table entity's 1 MB
        var result = new MatchRunResult([], [], [], [], null, null, applicants, 12.5);

        var bytes = await Store.WriteResultAsync(runId, result, CancellationToken.None);

        Assert.True(bytes > 4 * 1024 * 1024, $"{bytes} bytes");
        var run = MatchRun.Queued(runId, "c", "{}", "", app.Clock.GetUtcNow());
        Assert.Null(await Store.ReadResultAsync(run, CancellationToken.None));   // the run does not say it was written
        var back = await Store.ReadResultAsync(run with { ResultBytes = bytes }, CancellationToken.None);
        Assert.Equal(JsonSerializer.Serialize(result, MatchRunResult.Json), JsonSerializer.Serialize(back, MatchRunResult.Json));
        // A retried attempt overwrites the same blob rather than adding a second.
        Assert.Equal(bytes, await Store.WriteResultAsync(runId, result, CancellationToken.None));
        var container = app.Azurite.Blobs.GetBlobContainerClient(StorageNames.MatchResults);
        var names = new List<string>();
        await foreach (var b in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None,
                           Azure.Storage.Blobs.Models.BlobStates.None, runId, CancellationToken.None)) names.Add(b.Name);
        Assert.Equal([runId + ".json"], names);
    }

    [Fact]
    public async Task Two_runs_requested_at_once_for_one_cohort_keep_their_own_results()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var plain = await StartAsync(app, cohort);
        var strict = await StartAsync(app, cohort, new { settings = new { rules = new { minYearsGap = 10 } } });
        await Task.WhenAll(ProcessAsync(app, cohort, plain.Id), ProcessAsync(app, cohort, strict.Id));
        var a = await GetAsync(app, plain.Id);
        var b = await GetAsync(app, strict.Id);
        Assert.Equal((RunStatus.Completed, RunStatus.Completed), (a.Status, b.Status));
        Assert.True(a.Pairs > b.Pairs, $"{a.Pairs} vs {b.Pairs}");
        Assert.Equal(10, b.Settings.GetProperty("rules").GetProperty("minYearsGap").GetInt32());
    }
}
