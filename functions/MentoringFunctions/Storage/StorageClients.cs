using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;

namespace MentoringFunctions.Storage;

/// <summary>How <c>AzureWebJobsStorage</c> says to authenticate.</summary>
public enum StorageAuth
{
    /// <summary>A connection string (account key, SAS or the emulator's well-known key).</summary>
    ConnectionString,
    /// <summary><c>credential=managedidentity</c>: system-assigned, or user-assigned by <c>clientId</c>.</summary>
    ManagedIdentity,
    /// <summary>No <c>credential</c>: DefaultAzureCredential (e.g. <c>az login</c>), or a service principal when
    /// <c>tenantId</c>/<c>clientId</c>/<c>clientSecret</c> are set, as Microsoft.Extensions.Azure decides.</summary>
    DefaultCredential,
}

/// <summary>
/// The app's storage account, read from the setting the Functions host uses for its triggers, so the app
/// reads and writes the very queues, tables and blobs the host watches. Either a connection string
/// (the setting's own value, <c>UseDevelopmentStorage=true</c> when absent) or identity-based service URIs.
/// </summary>
public sealed record StorageSettings(
    StorageAuth Auth, string? ConnectionString, Uri? TableServiceUri, Uri? QueueServiceUri, Uri? BlobServiceUri,
    string? ClientId)
{
    public const string Name = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    private static readonly string[] Services = ["table", "queue", "blob"];
    private static readonly string[] Endpoints = ["TableEndpoint", "QueueEndpoint", "BlobEndpoint"];

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key when the setting is unusable.</summary>
    public static StorageSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Name);
        // The host honours a value over sub-keys; an empty value is treated as absent, as the app always has.
        if (!string.IsNullOrWhiteSpace(section.Value))
            return FromConnectionString(section.Value);
        if (!section.GetChildren().Any())
            return FromConnectionString(DevelopmentStorage);

        var auth = section["credential"] switch
        {
            null or "" => StorageAuth.DefaultCredential,
            var c when c.Equals("managedidentity", StringComparison.OrdinalIgnoreCase) => StorageAuth.ManagedIdentity,
            // Microsoft.Extensions.Azure silently falls back to DefaultAzureCredential on an unknown value,
            // which would hide a typo until the wrong identity is refused in production.
            var c => throw Invalid($"{Name}:credential is '{c}'; use 'managedidentity' or leave it unset."),
        };
        var uris = Services.Select(service => ServiceUri(section, service)).ToArray();
        var missing = Services.Where((_, i) => uris[i] is null).Select(s => $"{Name}:{s}ServiceUri").ToArray();
        if (missing.Length > 0)
            throw Invalid($"{Name} has no connection string and no {Name}:accountName, and "
                + $"{string.Join(", ", missing)} {(missing.Length == 1 ? "is" : "are")} missing;"
                + " the app needs the table, queue and blob services.");
        var clientId = auth == StorageAuth.ManagedIdentity && section["clientId"] is { Length: > 0 } id ? id : null;
        return new(auth, null, uris[0], uris[1], uris[2], clientId);
    }

    private static StorageSettings FromConnectionString(string connection)
    {
        var keys = connection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2)[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // With only some endpoints given, the SDKs quietly derive the rest as
        // https://<account>.<service>.core.windows.net, which for an Azurite string is not the emulator.
        var given = Endpoints.Where(keys.Contains).ToArray();
        if (given.Length is > 0 and < 3)
            throw Invalid($"{Name} sets {string.Join(" and ", given)} but not "
                + $"{string.Join(" and ", Endpoints.Except(given))}; give all three endpoints or none.");
        try
        {
            // The SDKs' own parsers decide what is valid; running them now fails start-up, not the first request.
            _ = new TableServiceClient(connection);
            _ = new QueueServiceClient(connection);
            _ = new BlobServiceClient(connection);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The message, never the value: a connection string carries the account key.
            throw Invalid($"{Name} is not a usable storage connection string: {e.Message}", e);
        }
        return new(StorageAuth.ConnectionString, connection, null, null, null, null);
    }

    private static Uri? ServiceUri(IConfiguration section, string service)
    {
        var key = $"{service}ServiceUri";
        var explicitUri = section[key] is { Length: > 0 } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps
                ? parsed
                // Azure.Core refuses to send a bearer token over plain http, so an http URI could never work.
                : throw Invalid($"{Name}:{key} is '{text}', which is not an absolute https URI.")
            : null;
        if (section["accountName"] is not { Length: > 0 } account)
            return explicitUri;
        if (!Regex.IsMatch(account, "^[a-zA-Z0-9]{3,24}$"))
            throw Invalid($"{Name}:accountName is '{account}', not a storage account name (3-24 letters and digits).");
        var derived = new Uri($"https://{account}.{service}.core.windows.net");
        // The host's own clients prefer an explicit URI, its queue and blob triggers prefer accountName:
        // when the two disagree, no choice here matches every component, so refuse rather than guess.
        return explicitUri is null || explicitUri == derived ? derived
            : throw Invalid($"{Name}:accountName gives {derived} but {Name}:{key} is {explicitUri}; set one.");
    }

    // The record's generated ToString would print the connection string, and with it the account key.
    public override string ToString() => ConnectionString is null
        ? $"{Auth} {TableServiceUri} {QueueServiceUri} {BlobServiceUri} clientId={ClientId ?? "(none)"}"
        : $"{Auth} (value hidden)";

    private static InvalidOperationException Invalid(string message, Exception? inner = null) =>
        new($"Storage configuration: {message}", inner);
}

public static class StorageClients
{
    /// <summary>
    /// Registers singleton <see cref="TableServiceClient"/>, <see cref="QueueServiceClient"/> and
    /// <see cref="BlobServiceClient"/> for <c>AzureWebJobsStorage</c>. <paramref name="queueEncoding"/> must agree
    /// with host.json's <c>extensions.queues.messageEncoding</c>, or the host cannot read what the app sends.
    /// </summary>
    public static IServiceCollection AddStorageClients(
        this IServiceCollection services, IConfiguration configuration, QueueMessageEncoding queueEncoding)
    {
        var settings = StorageSettings.From(configuration);
        if (settings.ConnectionString is null)
            // One credential for the three clients: they share its token cache, and DefaultAzureCredential
            // probes its chain once rather than three times.
            services.AddKeyedSingleton(StorageSettings.Name,
                (sp, _) => CreateCredential(sp, configuration.GetSection(StorageSettings.Name)));
        services.AddAzureClients(clients =>
        {
            if (settings.ConnectionString is { } connection)
            {
                clients.AddTableServiceClient(connection);
                clients.AddQueueServiceClient(connection).ConfigureOptions(o => o.MessageEncoding = queueEncoding);
                clients.AddBlobServiceClient(connection);
                return;
            }
            // Per client rather than UseCredential, which would become the default for every Azure client in the app.
            static TokenCredential Credential(IServiceProvider sp) =>
                sp.GetRequiredKeyedService<TokenCredential>(StorageSettings.Name);
            clients.AddTableServiceClient(settings.TableServiceUri!).WithCredential(Credential);
            clients.AddQueueServiceClient(settings.QueueServiceUri!).WithCredential(Credential)
                .ConfigureOptions(o => o.MessageEncoding = queueEncoding);
            clients.AddBlobServiceClient(settings.BlobServiceUri!).WithCredential(Credential);
        });
        return services;
    }

    /// <summary>
    /// The credential the Functions host would build from the same section: Microsoft.Extensions.Azure reads
    /// <c>credential</c>, <c>clientId</c>, <c>tenantId</c>, <c>clientSecret</c>… as the host's storage providers do.
    /// </summary>
    internal static TokenCredential CreateCredential(IServiceProvider services, IConfiguration section) =>
        services.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(section);
}
