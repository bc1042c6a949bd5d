using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MentoringFunctions.Email;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Email;

/// <summary>
/// The worker's graph on a clock of the test's own (the shared clock keeps the cohorts' application windows open),
/// with helpers to queue plain e-mails, read the outbox and its index, and stop a pass between two writes.
/// </summary>
internal sealed class OutboxWorld(AppFixture app, DateTimeOffset start) : IDisposable
{
    public FakeTimeProvider Clock { get; } = new(start);
    public string Cohort { get; } = "ob-" + Guid.NewGuid().ToString("N")[..10];
    private IHost? _worker;

    public IHost Worker => _worker ??= app.WorkerWith(s => s.AddSingleton<TimeProvider>(Clock));
    public Outbox Outbox => Worker.Services.GetRequiredService<Outbox>();
    public OutboxDelivery Delivery => Worker.Services.GetRequiredService<OutboxDelivery>();

    public EmailMessage Message(int i) => new(Cohort, $"test/{Cohort}/{i}", "test", $"p{i}@{Cohort}.example", $"Person {i}",
        $"Hello {i} of {Cohort}", $"<p>Body {i} of {Cohort}</p>", $"Body {i} of {Cohort}");

    public async Task<Invocation> TimerAsync(string function)
    {
        var result = await Functions.TimerAsync(Worker.Services, function);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result;
    }

    public Task<List<OutboxEntity>> StoredAsync() => app.OutboxAsync(Cohort);

    /// <summary>
    /// The index rows that point at this test's mail: (the minute's or day's key, message row key). Each row's
    /// partition is that key in the message's own bucket.
    /// </summary>
    public async Task<List<(string Partition, string Row)>> IndexAsync()
    {
        var rows = (await app.Table(StorageNames.OutboxIndex).QueryAsync<OutboxIndexEntity>().ToListAsync())
            .Where(e => TableKeys.Decode(e.MessagePartition).StartsWith(Cohort + "|", StringComparison.Ordinal)).ToList();
        var keyed = rows.Select(e => (Key: e.PartitionKey == OutboxIndex.FailedPartition ? e.PartitionKey
            : e.PartitionKey[..e.PartitionKey.LastIndexOf('-')], e)).ToList();
        Assert.All(keyed, r => Assert.Equal(r.e.PartitionKey, r.Key == OutboxIndex.FailedPartition ? r.Key
            : OutboxIndex.In(r.Key, new OutboxPointer(r.e.MessagePartition, r.e.MessageRow))));
        return keyed.Select(r => (r.Key, r.e.MessageRow)).ToList();
    }

    /// <summary>
    /// An outbox over storage that fails every write to <paramref name="table"/> (never reads), as a process would
    /// that stopped just before it: what came before that write is stored, nothing after.
    /// </summary>
    public Outbox Stopping(string table)
    {
        var options = new TableClientOptions();
        options.AddPolicy(new FailWrites(table), HttpPipelinePosition.PerCall);
        return new Outbox(new TableServiceClient(app.Azurite.ConnectionString, options),
            Worker.Services.GetRequiredService<QueueClientFactory>(), Clock, NullLogger<Outbox>.Instance);
    }

    public OutboxDelivery DeliveryOver(Outbox outbox) =>
        new(outbox, Worker.Services.GetRequiredService<IEmailSender>(), Clock, NullLogger<OutboxDelivery>.Instance);

    public void Dispose() => _worker?.Dispose();

    private sealed class FailWrites(string table) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            var path = message.Request.Uri.Path;
            var target = path.EndsWith("/" + table, StringComparison.Ordinal)
                || path.Contains("/" + table + "(", StringComparison.Ordinal);
            if (target && message.Request.Method != RequestMethod.Get)
                throw new RequestFailedException(503, $"Stopped before writing to {table}");
        }
    }
}
