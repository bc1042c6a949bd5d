using Azure.Data.Tables;
using MentoringFunctions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>A real Azurite on free ports, in memory, for the whole test run.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public TableServiceClient Tables => new(ConnectionString);
    public Azure.Storage.Blobs.BlobServiceClient Blobs => new(ConnectionString);
    public Azure.Storage.Queues.QueueServiceClient Queues => new(ConnectionString);

    public async Task InitializeAsync() =>
        _azurite = await Azurite.StartAsync(
            new AzuriteOptions(Paths.AzuriteInstall, null, Azurite.FreePort(), Azurite.FreePort(), Azurite.FreePort()),
            NullLogger.Instance);

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
