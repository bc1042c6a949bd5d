using Azure.Data.Tables;
using Azure.Storage.Queues;
using MentoringFunctions.Hosting;

namespace MentoringFunctions.Storage;

public static class StorageNames
{
    public const string Cohorts = "cohorts";
    public const string Applications = "applications";
    public const string Outbox = "outbox";
    public const string EmailQueue = "email-outbox";
    public const string MatchRuns = "matchruns";
    public const string MatchResults = "matchresults";
    public const string Matches = "matches";
    public const string MatchQueue = "match-requests";
    public const string Feedback = "feedback";
    public const string Unsubscribes = "unsubscribes";
    public const string Sessions = "sessions";
    public const string RhythmState = "rhythmstate";
    public const string DevelopmentConnection = "UseDevelopmentStorage=true";
}

/// <summary>Queue clients whose message encoding agrees with host.json (sender and host must match).</summary>
public sealed class QueueClientFactory(QueueServiceClient service)
{
    public QueueClient Get(string name) => service.GetQueueClient(name);
}

public static class StorageExtensions
{
    public static string StorageConnection(this IConfiguration config) =>
        config["AzureWebJobsStorage"] is { Length: > 0 } c ? c : StorageNames.DevelopmentConnection;

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(_ => new TableServiceClient(config.StorageConnection()));
        services.AddSingleton(sp => new QueueServiceClient(config.StorageConnection(), new QueueClientOptions
        {
            MessageEncoding = sp.GetRequiredService<FunctionApp>().Queues.Base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        }));
        services.AddSingleton<QueueClientFactory>();
        return services;
    }

    /// <summary>Creates every table and queue the app uses, so first requests never race to create them.</summary>
    public static async Task InitializeStorageAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        foreach (var table in new[] { StorageNames.Cohorts, StorageNames.Applications, StorageNames.Outbox,
                     StorageNames.MatchRuns, StorageNames.MatchResults, StorageNames.Matches,
                     StorageNames.Feedback, StorageNames.Unsubscribes, StorageNames.Sessions, StorageNames.RhythmState })
            await tables.CreateTableIfNotExistsAsync(table, ct);
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
