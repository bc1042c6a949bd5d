using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MentoringFunctions.Tests.Infrastructure;

public sealed record SentMail(string To, string Subject, string Text, string Html, JsonElement Raw, string Authorization);

/// <summary>
/// A local stand-in for SendGrid's v3 mail/send API: records each request, and answers with
/// scripted statuses (202 once the script is used up), so retries on 429/500 can be tested.
/// </summary>
public sealed class FakeSendGrid : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private WebApplication? _app;

    public ConcurrentQueue<SentMail> Requests { get; } = new();
    public string Url { get; private set; } = "";

    /// <summary>The next answers for mail to one recipient (tests share the fake, so scripts are per recipient).</summary>
    public void Script(string to, params HttpStatusCode[] statuses)
    {
        var queue = _scripts.GetOrAdd(to, _ => new ConcurrentQueue<HttpStatusCode>());
        foreach (var s in statuses) queue.Enqueue(s);
    }

    public IReadOnlyList<SentMail> To(string email) => Requests.Where(r => r.To.Equals(email, StringComparison.OrdinalIgnoreCase)).ToList();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = MentoringFunctions.Hosting.Azurite.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost("/v3/mail/send", async (HttpRequest request) =>
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            var root = doc.RootElement.Clone();
            var personalization = root.GetProperty("personalizations")[0];
            var content = root.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString()!);
            var to = personalization.GetProperty("to")[0].GetProperty("email").GetString()!;
            Requests.Enqueue(new SentMail(to,
                root.TryGetProperty("subject", out var s) ? s.GetString()! : personalization.GetProperty("subject").GetString()!,
                content.GetValueOrDefault("text/plain", ""), content.GetValueOrDefault("text/html", ""), root,
                request.Headers.Authorization.ToString()));
            var status = _scripts.TryGetValue(to, out var script) && script.TryDequeue(out var scripted) ? scripted : HttpStatusCode.Accepted;
            return Results.Text(status == HttpStatusCode.Accepted ? "" : $"{{\"errors\":[{{\"message\":\"scripted {(int)status}\"}}]}}",
                "application/json", statusCode: (int)status);
        });
        await _app.StartAsync();
        Url = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
