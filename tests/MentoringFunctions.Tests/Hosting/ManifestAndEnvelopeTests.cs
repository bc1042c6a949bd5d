using System.Text.Json;
using MentoringFunctions.Hosting;

namespace MentoringFunctions.Tests.Hosting;

public class ManifestAndEnvelopeTests
{
    // The build flattens each Feature/Function/function.json into <output>/Function/function.json.
    private static readonly FunctionManifest Manifest = FunctionManifest.Load(AppContext.BaseDirectory);

    [Fact]
    public void Build_output_is_a_functions_app_layout()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "host.json")));
        Assert.Equal(["DeliverOutbox", "ManageApi", "ManageMatchRuns", "ManagePages", "Pages", "Participation", "ProgrammeRhythm", "RunMatching", "RunMatchingPoison", "SendEmail", "SubmitApplication", "SubmitFeedback"], Manifest.Functions.Select(f => f.Name));
        Assert.Equal(["0 * * * * *", "0 0 8 * * *"], Manifest.Timers.Select(t => t.Trigger.Schedule));
        Assert.Equal(["email-outbox", "match-requests", "match-requests-poison"], Manifest.QueueTriggered.Select(f => f.Trigger.QueueName).Order());
        Assert.Equal(new QueueHostSettings(5, TimeSpan.FromSeconds(30), Base64: false), Manifest.Queues);
    }

    [Fact]
    public void Admin_api_needs_a_function_key_in_azure_and_no_public_route_accepts_post_on_function_names()
    {
        Assert.Equal("function", Manifest.Functions.Single(f => f.Name == "ManageApi").Trigger.AuthLevel);
        Assert.Equal("manage/{*path}", Manifest.Functions.Single(f => f.Name == "ManagePages").Trigger.Route);
        var catchAll = Manifest.Functions.Single(f => f.Name == "Pages").Trigger;
        Assert.Equal("{*path}", catchAll.Route);
        Assert.Equal(["get"], catchAll.Methods);
    }

    [Fact]
    public void No_function_name_or_route_uses_the_hosts_reserved_admin_or_runtime_paths()
    {
        foreach (var f in Manifest.Functions)
        {
            Assert.False(f.Name.StartsWith("admin", StringComparison.OrdinalIgnoreCase), f.Name);
            var route = f.Trigger.Route ?? "";
            Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), route);
        }
    }

    [Fact]
    public void Every_http_function_forwards_exactly_one_trigger_and_one_http_output()
    {
        foreach (var f in Manifest.Functions.Where(f => f.IsHttp))
            Assert.Equal(["httpTrigger", "http"], f.Bindings.Select(b => b.Type));
    }

    [Theory]
    [InlineData("{\"Data\":{\"message\":\"{\\\"a\\\":1}\"}}", "{\"a\":1}")]                  // JSON text in a string
    [InlineData("{\"Data\":{\"message\":\"\\\"{\\\\\\\"a\\\\\\\":1}\\\"\"}}", "{\"a\":1}")]    // double-encoded
    [InlineData("{\"Data\":{\"message\":{\"a\":1}}}", "{\"a\":1}")]                          // an object as is
    [InlineData("{\"Data\":{\"message\":\"plain text\"}}", "plain text")]
    public void Queue_message_text_is_unwrapped_once(string envelope, string expected)
    {
        var request = JsonSerializer.Deserialize<InvocationRequest>(envelope)!;
        Assert.Equal(expected, request.MessageText("message"));
    }

    [Fact]
    public void Missing_binding_gives_null_and_dequeue_count_reads_numbers_or_strings()
    {
        var request = JsonSerializer.Deserialize<InvocationRequest>("{\"Data\":{},\"Metadata\":{\"DequeueCount\":\"3\"}}")!;
        Assert.Null(request.MessageText("message"));
        Assert.Equal(3, request.DequeueCount());
    }
}
