using System.Net;
using System.Text.Json;
using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Published;

/// <summary>The output of `dotnet publish`: what a zip deploy puts on Flex Consumption.</summary>
[Collection(PublishedCollection.Name)]
public class PublishedAppTests(PublishedApp published, AzuriteFixture azurite)
{
    private string File(params string[] parts) => Path.Combine([published.Directory, .. parts]);

    [Fact]
    public void Functions_metadata_lists_every_function_the_assembly_declares()
    {
        var listed = FunctionApp.Load(published.Directory).Functions;
        Assert.Equal(Hosting.FunctionMetadataTests.Declared, listed.Select(f => f.Name));
        Assert.All(listed, f => Assert.StartsWith("MentoringFunctions.", f.EntryPoint));
    }

    [Fact]
    public void Worker_config_starts_the_isolated_worker_from_the_app_dll()
    {
        using var config = JsonDocument.Parse(System.IO.File.ReadAllText(File("worker.config.json")));
        var description = config.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("MentoringFunctions.dll", description.GetProperty("defaultWorkerPath").GetString());
        Assert.True(System.IO.File.Exists(File("MentoringFunctions.dll")));
    }

    [Fact]
    public void Extensions_json_names_the_storage_queues_extension_and_its_assembly_is_there()
    {
        using var extensions = JsonDocument.Parse(System.IO.File.ReadAllText(File("extensions.json")));
        var queues = extensions.RootElement.GetProperty("extensions").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "AzureStorageQueues");
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Queues", queues.GetProperty("typeName").GetString());
        var hint = queues.GetProperty("hintPath").GetString()!;
        Assert.True(System.IO.File.Exists(Path.Combine(published.Directory, hint)), hint);
    }

    [Fact]
    public void Host_json_and_the_templates_are_beside_the_program_and_no_function_json_is()
    {
        Assert.True(System.IO.File.Exists(File("host.json")));
        Assert.True(System.IO.File.Exists(File("Templates", "Pages", "apply.liquid")));
        Assert.True(System.IO.File.Exists(File("Api", "openapi.json")));
        Assert.Empty(Directory.GetFiles(published.Directory, "function.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Started_without_a_functions_host_the_published_app_serves_its_functions_locally()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "published-key",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/cohorts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/openapi.json")).StatusCode);
        Assert.Contains("Local timer ProgrammeRhythm", app.Log);
        Assert.Contains("Local queue trigger RunMatching", app.Log);
    }
}
