using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentoringFunctions.Hosting;

public sealed record Binding(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("schedule")] string? Schedule,
    [property: JsonPropertyName("queueName")] string? QueueName,
    [property: JsonPropertyName("route")] string? Route,
    [property: JsonPropertyName("authLevel")] string? AuthLevel,
    [property: JsonPropertyName("methods")] IReadOnlyList<string>? Methods,
    [property: JsonPropertyName("runOnStartup")] bool RunOnStartup = false);

public sealed record FunctionDefinition(string Name, IReadOnlyList<Binding> Bindings)
{
    public Binding Trigger => Bindings.First(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));
    public bool IsHttp => Trigger.Type == "httpTrigger";
}

/// <summary>The queue settings of host.json that the local stand-in must honour as the host does.</summary>
public sealed record QueueHostSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout, bool Base64);

/// <summary>
/// host.json and the function.json files as deployed (the build flattens them into
/// &lt;app&gt;/&lt;FunctionName&gt;/function.json), so the local run fires exactly what Azure would.
/// </summary>
public sealed record FunctionManifest(IReadOnlyList<FunctionDefinition> Functions, QueueHostSettings Queues)
{
    public static FunctionManifest Load(string appRoot)
    {
        var functions = Directory.GetDirectories(appRoot)
            .Select(dir => Path.Combine(dir, "function.json"))
            .Where(File.Exists)
            .Select(path => new FunctionDefinition(
                Path.GetFileName(Path.GetDirectoryName(path)!),
                JsonSerializer.Deserialize<FunctionJson>(File.ReadAllText(path))!.Bindings))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return new FunctionManifest(functions, ReadQueueSettings(Path.Combine(appRoot, "host.json")));
    }

    public IEnumerable<FunctionDefinition> Timers => Functions.Where(f => f.Trigger.Type == "timerTrigger");

    /// <summary>Each definition with the handler registered under its name; definitions without one are skipped.</summary>
    public static IEnumerable<(FunctionDefinition Definition, IFunction Function)> WithHandlers(
        IEnumerable<FunctionDefinition> definitions, IEnumerable<IFunction> functions) =>
        definitions.Select(d => (d, functions.FirstOrDefault(f => f.Name == d.Name)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.d, x.Item2!));
    public IEnumerable<FunctionDefinition> QueueTriggered => Functions.Where(f => f.Trigger.Type == "queueTrigger");

    private static QueueHostSettings ReadQueueSettings(string hostJson)
    {
        // Defaults are the Functions host's own.
        var settings = new QueueHostSettings(5, TimeSpan.Zero, Base64: true);
        if (!File.Exists(hostJson)) return settings;
        using var doc = JsonDocument.Parse(File.ReadAllText(hostJson));
        if (!doc.RootElement.TryGetProperty("extensions", out var ext) || !ext.TryGetProperty("queues", out var q))
            return settings;
        if (q.TryGetProperty("maxDequeueCount", out var max)) settings = settings with { MaxDequeueCount = max.GetInt32() };
        if (q.TryGetProperty("visibilityTimeout", out var vis) && TimeSpan.TryParse(vis.GetString(), out var ts))
            settings = settings with { VisibilityTimeout = ts };
        if (q.TryGetProperty("messageEncoding", out var enc))
            settings = settings with { Base64 = !string.Equals(enc.GetString(), "none", StringComparison.OrdinalIgnoreCase) };
        return settings;
    }

    private sealed record FunctionJson([property: JsonPropertyName("bindings")] IReadOnlyList<Binding> Bindings);
}
