using System.Reflection;
using System.Text.Json;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace MentoringFunctions.Tests.Hosting;

/// <summary>The build output as the Functions host reads it: functions.metadata (from the [Function] attributes) and host.json.</summary>
public class FunctionMetadataTests
{
    private static readonly FunctionApp App = FunctionApp.Load(AppContext.BaseDirectory);

    /// <summary>Every [Function] method in the app assembly, found by reflection rather than from the metadata.</summary>
    public static readonly IReadOnlyList<string> Declared = typeof(Program).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Functions_metadata_lists_every_declared_function_once_and_nothing_else()
    {
        Assert.Equal(90, Declared.Count);   // 49 + OpenApiDocument + OutboxUpkeep + 5 for import jobs + 2 to confirm a change
        // + 4 for the cohort form + 1 to confirm an import's new topics
        // + RhythmPreviewPage
        // + 7 for safe steps and applications: confirm publish and withdraw, an application page (view, edit, confirm
        // withdraw, withdraw) and the form posting to its own URL
        // + 7 for personal data: export and erase (API and pages), the privacy notice, the retention timer
                                            // + 2 for magic links + the audit page
        Assert.Equal(Declared, App.Functions.Select(f => f.Name));
        Assert.Equal(Declared.Count, Declared.Distinct().Count());
    }

    [Fact]
    public void Timers_and_queues_are_the_apps_own()
    {
        Assert.Equal([("DeliverOutbox", "0 * * * * *"), ("OutboxUpkeep", "0 30 3 * * *"),
            ("PersonalDataRetention", "0 15 3 * * *"), ("ProgrammeRhythm", "0 0 8 * * *")],
            App.Timers.Select(t => (t.Name, t.Trigger.Schedule!)));
        Assert.Equal(["email-outbox", "import-jobs", "import-jobs-poison", "match-requests", "match-requests-poison"],
            App.QueueTriggered.Select(f => f.Trigger.QueueName).Order());
    }

    [Fact]
    public void Host_json_keeps_the_route_prefix_and_queue_settings_and_no_custom_handler()
    {
        Assert.Equal("", App.RoutePrefix);
        Assert.Equal(new QueueHostSettings(5, TimeSpan.FromSeconds(30), Base64: false), App.Queues);
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.False(host.RootElement.TryGetProperty("extensionBundle", out _));
    }

    [Fact]
    public void The_admin_api_needs_a_function_key_in_azure_and_everything_else_is_anonymous()
    {
        foreach (var f in App.Http)
        {
            var api = f.Trigger.Route!.StartsWith("api/cohorts", StringComparison.Ordinal)
                || f.Trigger.Route.StartsWith("api/match-runs", StringComparison.Ordinal);
            Assert.True(f.Trigger.AuthLevel == (api ? "Function" : "Anonymous"), $"{f.Name}: {f.Trigger.AuthLevel}");
        }
    }

    [Fact]
    public void No_function_name_or_route_uses_the_hosts_reserved_admin_or_runtime_paths()
    {
        foreach (var f in App.Functions)
        {
            Assert.False(f.Name.StartsWith("admin", StringComparison.OrdinalIgnoreCase), f.Name);
            var route = f.Trigger.Route ?? "";
            Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase)
                || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), route);
        }
    }

    [Fact]
    public void Every_http_function_has_one_trigger_and_returns_its_response()
    {
        foreach (var f in App.Http)
            Assert.Equal([("httpTrigger", "In"), ("http", "Out")], f.Bindings.Select(b => (b.Type, b.Direction!)));
    }

    [Fact]
    public void No_two_http_functions_claim_the_same_route_and_method()
    {
        var pairs = App.Http.SelectMany(f => f.HttpMethods.Select(m => $"{m} {App.PathOf(f)}")).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }

    [Theory]
    [InlineData("{\"PartitionKey\":\"c1|3\",\"RowKey\":\"k\"}", "c1|3", "k")]
    [InlineData("{\"PartitionKey\":\"\",\"RowKey\":\"k\"}", null, null)]
    [InlineData("\"{\\\"PartitionKey\\\":\\\"p\\\",\\\"RowKey\\\":\\\"k\\\"}\"", null, null)]   // a JSON string is not a pointer
    [InlineData("plain text", null, null)]
    public void A_send_email_message_is_an_outbox_pointer_or_nothing(string message, string? partition, string? row)
    {
        var pointer = PromptSignals.Read(message) is { } pointers ? Assert.Single(pointers) : null;
        Assert.Equal(partition, pointer?.PartitionKey);
        Assert.Equal(row, pointer?.RowKey);
    }

    [Theory]
    [InlineData("ClientId=abc;Authorization=AAD", "abc")]
    [InlineData("Authorization=aad; ClientId=abc ", "abc")]
    [InlineData("ClientId=abc", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Telemetry_uses_the_managed_identity_the_hosts_authentication_string_names(string? setting, string? clientId) =>
        Assert.Equal(clientId, PlatformExtensions.EntraClientId(setting));

    [Theory]
    [InlineData(new[] { "--functions-uri", "http://127.0.0.1:5000/", "--functions-worker-id", "w" }, true)]
    [InlineData(new[] { "--host", "127.0.0.1", "--port", "5000" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:7071" }, false)]
    public void The_program_is_the_worker_only_when_the_functions_host_starts_it(string[] args, bool worker) =>
        Assert.Equal(worker, LocalHost.StartedByFunctionsHost(args));
}
