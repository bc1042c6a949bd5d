using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MentoringFunctions.Hosting;

namespace MentoringFunctions.Storage;

public static class StorageNames
{
    public const string Cohorts = "cohorts";
    public const string Applications = "applications";
    public const string ApplicationChanges = "applicationchanges";
    public const string Outbox = "outbox";
    public const string OutboxIndex = "outboxindex";
    public const string EmailQueue = "email-outbox";
    public const string MatchRuns = "matchruns";
    public const string MatchResults = "match-results";   // a blob container: one JSON document per run
    public const string Matches = "matches";
    public const string MatchQueue = "match-requests";
    public const string Feedback = "feedback";
    public const string Unsubscribes = "unsubscribes";
    public const string Sessions = "sessions";
    public const string RhythmState = "rhythmstate";
    public const string FeedbackActions = "feedbackactions";
    public const string ImportJobs = "importjobs";
    public const string ImportQueue = "import-jobs";
    /// <summary>Blob container: each import's upload, its plan and its per-row report.</summary>
    public const string ImportFiles = "imports";
    public const string AdminSessions = "adminsessions";
    public const string SignInLinks = "signinlinks";
    public const string Audit = "audit";
    /// <summary>Blob container: ASP.NET Core data-protection keys, shared by every instance (sign-in cookies).</summary>
    public const string DataProtection = "dataprotection";
}

/// <summary>Queue clients whose message encoding agrees with host.json (sender and host must match).</summary>
public sealed class QueueClientFactory(QueueServiceClient service)
{
    public QueueClient Get(string name) => service.GetQueueClient(name);
}

public static class StorageExtensions
{
    /// <summary>The storage clients, from the same setting as the host's triggers, with host.json's queue encoding.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration config, QueueHostSettings queues) =>
        services.AddStorageClients(config, queues.Base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None)
            .AddSingleton<QueueClientFactory>();

    /// <summary>Creates every table, queue and container the app uses, so first requests never race to create them.</summary>
    public static async Task InitializeStorageAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        foreach (var table in new[] { StorageNames.Cohorts, StorageNames.Applications, StorageNames.ApplicationChanges,
                     StorageNames.Outbox, StorageNames.OutboxIndex, StorageNames.MatchRuns, StorageNames.Matches,
                     StorageNames.Feedback, StorageNames.Unsubscribes, StorageNames.Sessions, StorageNames.RhythmState,
                     StorageNames.ImportJobs, StorageNames.FeedbackActions })
            await tables.CreateTableIfNotExistsAsync(table, ct);
        foreach (var table in new[] { StorageNames.AdminSessions, StorageNames.SignInLinks, StorageNames.Audit })
            await tables.CreateTableIfNotExistsAsync(table, ct);
        var blobs = services.GetRequiredService<BlobServiceClient>();
        foreach (var container in new[] { StorageNames.MatchResults, StorageNames.ImportFiles })
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: ct);
        await blobs.GetBlobContainerClient(StorageNames.DataProtection).CreateIfNotExistsAsync(cancellationToken: ct);
        var queues = services.GetRequiredService<QueueClientFactory>();
        var names = services.GetRequiredService<FunctionApp>().QueueTriggered.Select(f => f.Trigger.QueueName!)
            .Where(n => !n.EndsWith("-poison", StringComparison.Ordinal)).Append(StorageNames.EmailQueue).Distinct();
        foreach (var name in names)
        {
            await queues.Get(name).CreateIfNotExistsAsync(cancellationToken: ct);
            await queues.Get(name + "-poison").CreateIfNotExistsAsync(cancellationToken: ct);
        }
    }
}
