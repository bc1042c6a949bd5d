using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Published;

/// <summary>The published folder, started the way the Azure Functions host starts a custom handler.</summary>
[Collection(PublishedCollection.Name)]
public class CustomHandlerTests(PublishedApp published, AzuriteFixture azurite)
{
    [Fact]
    public void Publish_output_is_a_deployable_functions_app()
    {
        Assert.True(File.Exists(Path.Combine(published.Directory, "host.json")));
        Assert.True(File.Exists(Path.Combine(published.Directory, "MentoringFunctions.dll")));
        foreach (var function in new[] { "DeliverOutbox", "ManageApi", "ManageMatchRuns", "ManagePages", "Pages", "Participation", "ProgrammeRhythm", "RunMatching", "RunMatchingPoison", "SendEmail", "SubmitApplication", "SubmitFeedback" })
            Assert.True(File.Exists(Path.Combine(published.Directory, function, "function.json")), function);
        Assert.True(File.Exists(Path.Combine(published.Directory, "Templates", "Pages", "apply.liquid")));
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Directory, "host.json")));
        Assert.Equal("MentoringFunctions.dll", host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("arguments")[0].GetString());
        Assert.True(host.RootElement.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public async Task Under_the_host_it_listens_on_the_given_port_and_answers_invocation_envelopes()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "host-key",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);   // readiness

        // A forwarded HTTP request keeps its path.
        var cohort = new { id = "host-" + Guid.NewGuid().ToString("N")[..8], name = "Host cohort", applicationsOpen = "2020-01-01",
            applicationsClose = "2099-01-01", programmeStart = "2099-02-01", midpoint = "2099-03-01", programmeEnd = "2099-04-01", topics = new[] { "Finance", "Policy" } };
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/cohorts") { Content = JsonContent.Create(cohort) };
        create.Headers.Add("X-Admin-Key", "host-key");
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(create)).StatusCode);
        var submit = await http.PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort.id, "host@example.org"));
        Assert.Equal(HttpStatusCode.Created, submit.StatusCode);

        // Timer envelope as the host posts it.
        var timer = await http.PostAsync("/DeliverOutbox", new StringContent(
            "{\"Data\":{\"timer\":{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}},\"Metadata\":{\"sys\":{\"MethodName\":\"DeliverOutbox\"}}}",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        using var body = JsonDocument.Parse(await timer.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
        Assert.Matches("Sent: [1-9]", body.RootElement.GetProperty("Logs")[0].GetString());

        var emails = await azurite.Tables.GetTableClient(StorageNames.Outbox).QueryAsync<OutboxEntity>(OutboxEntity.CohortFilter(cohort.id)).ToListAsync();
        Assert.Equal(OutboxStatus.Sent, Assert.Single(emails).Status);

        // Queue envelope with a double-encoded message for an e-mail already sent: acknowledged, nothing resent.
        var pointer = JsonSerializer.Serialize(JsonSerializer.Serialize(new OutboxPointer(emails[0].PartitionKey, emails[0].RowKey)));
        var queue = await http.PostAsync("/SendEmail", new StringContent(
            $"{{\"Data\":{{\"message\":{JsonSerializer.Serialize(pointer)}}},\"Metadata\":{{\"DequeueCount\":1,\"Id\":\"m1\"}}}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("AlreadyDone", await queue.Content.ReadAsStringAsync());

        Assert.DoesNotContain("Local timer", app.Log);          // the host owns triggers; no stand-in
        Assert.Contains($"127.0.0.1:{port}", app.Log);
    }
}
