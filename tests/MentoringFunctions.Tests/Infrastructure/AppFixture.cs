using System.Net.Http.Json;
using Azure.Data.Tables;
using MentoringFunctions.Email;
using MentoringFunctions.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>
/// The one shared app for integration tests: real Azurite, a fake SendGrid, a fake clock. HTTP goes
/// through the local host (its timers and pollers off); timer and queue functions are invoked on the
/// worker's own DI graph, so both graphs are exercised against the same storage.
/// Tests keep apart by using their own cohort ids.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    /// <summary>The app-wide organiser (Admin:Organisers) whose session <see cref="AdminClient"/> carries.</summary>
    public const string OrganiserEmail = "organiser@test.example";
    public static readonly DateTimeOffset Start = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);

    public AzuriteFixture Azurite { get; } = new();
    public FakeSendGrid SendGrid { get; } = new();
    public FakeTimeProvider Clock { get; } = new(Start);
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "mf-mail-" + Guid.NewGuid().ToString("N"));

    /// <summary>The worker's own DI graph over the same storage and clock: timer and queue functions run here.</summary>
    public IHost Worker { get; private set; } = null!;

    private Dictionary<string, string> _settings = [];

    /// <summary>Another worker graph on the same storage, with some services replaced (a failing store, a slow clock).</summary>
    public IHost WorkerWith(Action<IServiceCollection> change) => WorkerGraph.Build(_settings, s =>
    {
        TestServices(s);
        change(s);
    });

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Azurite.InitializeAsync(), SendGrid.InitializeAsync());
        _settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Admin:Key"] = AdminKey,
            ["Admin:Organisers:0"] = OrganiserEmail,
            ["Links:Secret"] = "test-links-secret",
            ["LocalHost:Enabled"] = "false",
            ["Telemetry:Console"] = "false",
            ["SendGrid:ApiKey"] = "SG.test-key",
            ["SendGrid:Host"] = SendGrid.Url,
            ["Email:PickupDirectory"] = MailDirectory,
            ["Email:PublicBaseUrl"] = "https://mentoring.example",
        };
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in _settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(TestServices);
        });
        _ = Factory.Server; // start, so storage is initialised before tests run
        Worker = WorkerGraph.Build(_settings, TestServices);
        await Worker.Services.InitializeStorageAsync();
    }

    /// <summary>The fake clock, SendGrid reachable only at the fake, and captured logs: for both graphs.</summary>
    private void TestServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddHttpClient("sendgrid").AddHttpMessageHandler(() => new OnlyHost(new Uri(SendGrid.Url)));
        services.AddLogging(l => l.AddProvider(new LogCapture()));
    }

    public async Task DisposeAsync()
    {
        Worker.Dispose();
        await Factory.DisposeAsync();
        await SendGrid.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A queue function of the worker, given one message (its dequeue count as the host counts).</summary>
    public Task<Invocation> QueueAsync(string function, string message, long dequeueCount = 1) =>
        Functions.QueueAsync(Worker.Services, function, message, dequeueCount);

    /// <summary>A timer function of the worker, fired now.</summary>
    public Task<Invocation> TimerAsync(string function) => Functions.TimerAsync(Worker.Services, function);

    private static int _clients;

    /// <summary>
    /// A visitor of its own: each client comes from a different address (X-Forwarded-For, as the
    /// Functions front end sets it), so per-address rate limits do not add up across tests.
    /// </summary>
    public HttpClient Client()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var n = Interlocked.Increment(ref _clients);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.{18 + (n >> 16 & 1)}.{n >> 8 & 255}.{n & 255}");
        return client;
    }

    /// <summary>
    /// The working group's automation and pages at once: the key for /api, and an app-wide organiser's session with
    /// its anti-forgery header for /manage (renewed when the fake clock has moved past it).
    /// </summary>
    public HttpClient AdminClient()
    {
        var client = MemberClient(OrganiserEmail, allCohorts: true);
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    /// <summary>A member signed in as the address (a session made as the magic link makes it), sending its CSRF token.</summary>
    public HttpClient MemberClient(string email, bool allCohorts = false)
    {
        // Signed in now, not on the first request: tests that compare storage before and after a request see only it.
        var session = Task.Run(() => this.SignInAsync(email, allCohorts)).GetAwaiter().GetResult();
        var client = Factory.CreateDefaultClient(new AdminSessionHandler(this, email, allCohorts, session));
        var n = Interlocked.Increment(ref _clients);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.{18 + (n >> 16 & 1)}.{n >> 8 & 255}.{n & 255}");
        return client;
    }

    public TableClient Table(string name) => Azurite.Tables.GetTableClient(name);

    // Internal: the rows as stored, and the entity is internal to the app.
    internal async Task<List<OutboxEntity>> OutboxAsync(string cohort) =>
        await Table(StorageNames.Outbox).QueryAsync<OutboxEntity>(OutboxEntity.CohortFilter(cohort)).ToListAsync();

    /// <summary>A cohort open at the fake clock's start, with a fresh id so tests do not meet.</summary>
    public async Task<string> CreateCohortAsync(string? name = null, DateOnly? open = null, DateOnly? close = null, string[]? workingGroup = null,
        DateOnly? programmeStart = null, bool? notifyWorkingGroup = null)
    {
        var id = "c-" + Guid.NewGuid().ToString("N")[..10];
        var response = await AdminClient().PostAsJsonAsync("/api/cohorts", new
        {
            id,
            name = name ?? "Heat Exchanger 2027",
            applicationsOpen = open ?? new DateOnly(2027, 1, 1),
            applicationsClose = close ?? new DateOnly(2027, 1, 31),
            programmeStart = programmeStart ?? new DateOnly(2027, 2, 15),
            midpoint = new DateOnly(2027, 8, 15),
            programmeEnd = new DateOnly(2028, 2, 15),
            topics = new[] { "Finance", "Procurement", "Policy", "Heat network design" },
            workingGroupEmails = workingGroup ?? ["wg@heat.example"],
            notifyWorkingGroup,
        });
        response.EnsureSuccessStatusCode();
        return id;
    }

    public static object Mentee(string cohort, string email, string name = "Ann Example") => new Dictionary<string, object>
    {
        ["cohort"] = cohort, ["role"] = "mentee", ["name"] = name, ["email"] = email, ["organisation"] = "Org A",
        ["years_in_sector"] = 3, ["region"] = "North West", ["meeting"] = "either", ["seeks"] = new[] { "finance", "Policy" },
        ["consent"] = true,
    };

    /// <summary>Outbound HTTP the test did not plan for fails the test instead of leaving the machine.</summary>
    private sealed class OnlyHost(Uri allowed) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            request.RequestUri is { } uri && uri.Host == allowed.Host && uri.Port == allowed.Port
                ? base.SendAsync(request, ct)
                : throw new InvalidOperationException($"Unexpected outbound HTTP request to {request.RequestUri}");
    }
}
