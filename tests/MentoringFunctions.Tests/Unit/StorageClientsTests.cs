using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MentoringFunctions.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace MentoringFunctions.Tests.Unit;

public class StorageClientsTests
{
    private const string Setting = "AzureWebJobsStorage";
    private const string EmulatorKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string AzuriteString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
        + EmulatorKey + ";BlobEndpoint=http://azurite:11000/devstoreaccount1"
        + ";QueueEndpoint=http://azurite:11001/devstoreaccount1;TableEndpoint=http://azurite:11002/devstoreaccount1;";

    private static IConfiguration Config(params string[] keyValues) => new ConfigurationBuilder()
        .AddInMemoryCollection(keyValues.Chunk(2).Select(kv => KeyValuePair.Create(kv[0], (string?)kv[1])))
        .Build();

    private static IConfiguration Identity(params string[] extra) => Config([
        $"{Setting}:tableServiceUri", "https://mentoringid.table.core.windows.net",
        $"{Setting}:queueServiceUri", "https://mentoringid.queue.core.windows.net",
        $"{Setting}:blobServiceUri", "https://mentoringid.blob.core.windows.net", .. extra]);

    private static ServiceProvider Provider(IConfiguration config) =>
        new ServiceCollection().AddStorageClients(config, QueueMessageEncoding.None).BuildServiceProvider();

    private static void AssertClients(ServiceProvider sp, string account, string table, string queue, string blob,
        bool sharedKey)
    {
        var (tables, queues, blobs) = (sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<BlobServiceClient>());
        Assert.Equal(new Uri(table), tables.Uri);
        Assert.Equal(new Uri(queue), queues.Uri);
        Assert.Equal(new Uri(blob), blobs.Uri);
        Assert.Equal([account, account, account], [tables.AccountName, queues.AccountName, blobs.AccountName]);
        Assert.Equal(sharedKey, blobs.CanGenerateAccountSasUri);
        Assert.Equal(sharedKey, queues.CanGenerateAccountSasUri);
        Assert.Same(tables, sp.GetRequiredService<TableServiceClient>());
    }

    private static TokenCredential? Credential(ServiceProvider sp) => sp.GetKeyedService<TokenCredential>(Setting);

    [Fact]
    public void Absent_setting_means_the_emulator_on_its_default_ports()
    {
        var settings = StorageSettings.From(Config());
        Assert.Equal(new StorageSettings(StorageAuth.ConnectionString, "UseDevelopmentStorage=true", null, null, null,
            null), settings);
        using var sp = Provider(Config());
        AssertClients(sp, "devstoreaccount1", "http://127.0.0.1:10002/devstoreaccount1",
            "http://127.0.0.1:10001/devstoreaccount1", "http://127.0.0.1:10000/devstoreaccount1", sharedKey: true);
        Assert.Null(Credential(sp));
        // The app has always read an empty value as absent.
        Assert.Equal(settings, StorageSettings.From(Config(Setting, "")));
    }

    [Fact]
    public void Azurite_connection_string_with_explicit_endpoints_is_used_as_given()
    {
        using var sp = Provider(Config(Setting, AzuriteString));
        AssertClients(sp, "devstoreaccount1", "http://azurite:11002/devstoreaccount1",
            "http://azurite:11001/devstoreaccount1", "http://azurite:11000/devstoreaccount1", sharedKey: true);
        Assert.Null(Credential(sp));
    }

    [Fact]
    public void Account_key_connection_string_reaches_the_account_by_shared_key()
    {
        var connection = "DefaultEndpointsProtocol=https;AccountName=mentoringprod;AccountKey=" + EmulatorKey
            + ";EndpointSuffix=core.windows.net";
        using var sp = Provider(Config(Setting, connection));
        AssertClients(sp, "mentoringprod", "https://mentoringprod.table.core.windows.net",
            "https://mentoringprod.queue.core.windows.net", "https://mentoringprod.blob.core.windows.net",
            sharedKey: true);
        var settings = StorageSettings.From(Config(Setting, connection));
        Assert.Equal((StorageAuth.ConnectionString, connection), (settings.Auth, settings.ConnectionString));
        Assert.DoesNotContain(EmulatorKey, settings.ToString());
    }

    [Fact]
    public void Connection_string_wins_over_identity_keys_as_in_the_host()
    {
        var config = Config(Setting, AzuriteString, $"{Setting}:accountName", "mentoringid");
        Assert.Equal(StorageAuth.ConnectionString, StorageSettings.From(config).Auth);
        using var sp = Provider(config);
        Assert.Equal(new Uri("http://azurite:11001/devstoreaccount1"),
            sp.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void Service_uris_with_a_user_assigned_managed_identity()
    {
        var config = Identity($"{Setting}:credential", "managedidentity", $"{Setting}:clientId", "1234-client");
        Assert.Equal(new StorageSettings(StorageAuth.ManagedIdentity, null,
            new Uri("https://mentoringid.table.core.windows.net"),
            new Uri("https://mentoringid.queue.core.windows.net"),
            new Uri("https://mentoringid.blob.core.windows.net"), "1234-client"), StorageSettings.From(config));
        using var sp = Provider(config);
        AssertClients(sp, "mentoringid", "https://mentoringid.table.core.windows.net",
            "https://mentoringid.queue.core.windows.net", "https://mentoringid.blob.core.windows.net",
            sharedKey: false);
        Assert.IsType<ManagedIdentityCredential>(Credential(sp));
        Assert.Same(Credential(sp), Credential(sp));
    }

    [Fact]
    public void Managed_identity_without_client_id_is_system_assigned()
    {
        var config = Identity($"{Setting}:credential", "ManagedIdentity");
        var settings = StorageSettings.From(config);
        Assert.Equal((StorageAuth.ManagedIdentity, (string?)null), (settings.Auth, settings.ClientId));
        using var sp = Provider(config);
        Assert.IsType<ManagedIdentityCredential>(Credential(sp));
    }

    [Fact]
    public void Account_name_without_credential_derives_the_uris_and_uses_DefaultAzureCredential()
    {
        // An explicit URI that agrees with accountName is fine.
        var config = Config($"{Setting}:accountName", "mentoringdev",
            $"{Setting}:blobServiceUri", "https://mentoringdev.blob.core.windows.net/");
        var settings = StorageSettings.From(config);
        Assert.Equal((StorageAuth.DefaultCredential, (string?)null), (settings.Auth, settings.ClientId));
        using var sp = Provider(config);
        AssertClients(sp, "mentoringdev", "https://mentoringdev.table.core.windows.net",
            "https://mentoringdev.queue.core.windows.net", "https://mentoringdev.blob.core.windows.net",
            sharedKey: false);
        Assert.IsType<DefaultAzureCredential>(Credential(sp));
    }

    [Theory]
    [InlineData(QueueMessageEncoding.None, false, "hello")]
    [InlineData(QueueMessageEncoding.Base64, false, "aGVsbG8=")]
    [InlineData(QueueMessageEncoding.None, true, "hello")]
    [InlineData(QueueMessageEncoding.Base64, true, "aGVsbG8=")]
    public async Task Queue_messages_go_out_in_the_encoding_passed(QueueMessageEncoding encoding, bool identity,
        string onTheWire)
    {
        var handler = new RecordingHandler();
        var config = identity ? Identity() : Config(Setting, AzuriteString);
        await using var sp = Offline(config, handler, out _, encoding);
        await Assert.ThrowsAsync<RequestFailedException>(
            () => sp.GetRequiredService<QueueServiceClient>().GetQueueClient("x").SendMessageAsync("hello"));
        Assert.Contains($"<MessageText>{onTheWire}</MessageText>", Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:tableServiceUri, AzureWebJobsStorage:queueServiceUri, "
        + "AzureWebJobsStorage:blobServiceUri are missing", "AzureWebJobsStorage:credential", "managedidentity")]
    [InlineData("AzureWebJobsStorage:queueServiceUri is missing",
        "AzureWebJobsStorage:tableServiceUri", "https://a.table.core.windows.net",
        "AzureWebJobsStorage:blobServiceUri", "https://a.blob.core.windows.net")]
    [InlineData("AzureWebJobsStorage is not a usable storage connection string", "AzureWebJobsStorage", "nonsense")]
    [InlineData("AzureWebJobsStorage is not a usable storage connection string",
        "AzureWebJobsStorage", "AccountName=a")]
    [InlineData("AzureWebJobsStorage sets QueueEndpoint and BlobEndpoint but not TableEndpoint",
        "AzureWebJobsStorage", "AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://h:1/d;"
        + "QueueEndpoint=http://h:2/d")]
    [InlineData("AzureWebJobsStorage:queueServiceUri is 'http://a.queue.core.windows.net', which is not an absolute",
        "AzureWebJobsStorage:accountName", "a12",
        "AzureWebJobsStorage:queueServiceUri", "http://a.queue.core.windows.net")]
    [InlineData("AzureWebJobsStorage:blobServiceUri is 'a.blob.core.windows.net'",
        "AzureWebJobsStorage:blobServiceUri", "a.blob.core.windows.net")]
    [InlineData("AzureWebJobsStorage:credential is 'managedidentiy'",
        "AzureWebJobsStorage:credential", "managedidentiy", "AzureWebJobsStorage:accountName", "mentoringid")]
    [InlineData("AzureWebJobsStorage:accountName is 'my account'", "AzureWebJobsStorage:accountName", "my account")]
    [InlineData("AzureWebJobsStorage:accountName gives https://acct.table.core.windows.net/ but "
        + "AzureWebJobsStorage:tableServiceUri is https://other.table.core.windows.net/",
        "AzureWebJobsStorage:accountName", "acct",
        "AzureWebJobsStorage:tableServiceUri", "https://other.table.core.windows.net")]
    public void Unusable_setting_fails_at_registration_naming_the_key(string expected, params string[] keyValues)
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddStorageClients(Config(keyValues), QueueMessageEncoding.None));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("AccountName=acct;AccountKey=not!base64-s3cret")]
    [InlineData("AccountName=acct;AccountKey=czNjcmV0;BlobEndpoint=https://acct.blob.core.windows.net")]
    public void Connection_string_errors_do_not_repeat_the_key(string connection)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.From(Config(Setting, connection)));
        Assert.Contains(Setting, error.Message);
        Assert.DoesNotContain(connection.Split("AccountKey=")[1].Split(';')[0], error.Message);
    }

    [Fact]
    public async Task Identity_clients_send_a_bearer_token_from_one_credential_built_from_the_section()
    {
        var handler = new RecordingHandler();
        await using var sp = Offline(Identity($"{Setting}:credential", "managedidentity"), handler, out var factory);
        await GetPropertiesOfEach(sp);
        Assert.Equal(["mentoringid.table.core.windows.net", "mentoringid.queue.core.windows.net",
            "mentoringid.blob.core.windows.net"], handler.Requests.Select(r => r.Host));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer token-from-section", r.Authorization));
        factory.Verify(f => f.CreateTokenCredential(It.Is<IConfiguration>(c =>
            ((IConfigurationSection)c).Path == Setting && c["credential"] == "managedidentity")), Times.Once);
    }

    [Fact]
    public async Task Connection_string_clients_sign_with_the_account_key_and_build_no_credential()
    {
        var handler = new RecordingHandler();
        await using var sp = Offline(Config(Setting, AzuriteString), handler, out var factory);
        await GetPropertiesOfEach(sp);
        Assert.Equal(["azurite:11002", "azurite:11001", "azurite:11000"], handler.Requests.Select(r => r.Host));
        Assert.All(handler.Requests, r => Assert.StartsWith("SharedKey", r.Authorization));
        Assert.All(handler.Requests, r => Assert.Contains(" devstoreaccount1:", r.Authorization));
        factory.Verify(f => f.CreateTokenCredential(It.IsAny<IConfiguration>()), Times.Never);
    }

    private static async Task GetPropertiesOfEach(ServiceProvider sp)
    {
        await Assert.ThrowsAsync<RequestFailedException>(
            () => sp.GetRequiredService<TableServiceClient>().GetPropertiesAsync());
        await Assert.ThrowsAsync<RequestFailedException>(
            () => sp.GetRequiredService<QueueServiceClient>().GetPropertiesAsync());
        await Assert.ThrowsAsync<RequestFailedException>(
            () => sp.GetRequiredService<BlobServiceClient>().GetPropertiesAsync());
    }

    /// <summary>
    /// The clients as registered, but every request answered in-process by <paramref name="handler"/> and the
    /// credential factory replaced, so identity forms get a fixed token instead of calling a token endpoint.
    /// </summary>
    private static ServiceProvider Offline(IConfiguration config, RecordingHandler handler,
        out Mock<AzureComponentFactory> factory, QueueMessageEncoding encoding = QueueMessageEncoding.None)
    {
        var token = new Mock<TokenCredential>();
        token.Setup(t => t.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessToken("token-from-section", DateTimeOffset.UtcNow.AddHours(1)));
        factory = new Mock<AzureComponentFactory>();
        factory.Setup(f => f.CreateTokenCredential(It.IsAny<IConfiguration>())).Returns(token.Object);
        var services = new ServiceCollection().AddStorageClients(config, encoding).AddSingleton(factory.Object);
        services.AddAzureClients(b => b.ConfigureDefaults(o =>
        {
            o.Transport = new HttpClientTransport(new HttpClient(handler));
            o.Retry.MaxRetries = 0;
        }));
        return services.BuildServiceProvider();
    }

    /// <summary>Answers every request 403 so nothing leaves the process; keeps what each one carried.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Host, string? Authorization, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.TryGetValues("Authorization", out var auth);
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
            Requests.Add((request.RequestUri!.Authority, auth?.SingleOrDefault(), body));
            return new HttpResponseMessage(HttpStatusCode.Forbidden);
        }
    }
}
