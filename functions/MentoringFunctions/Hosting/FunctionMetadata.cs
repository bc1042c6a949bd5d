using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentoringFunctions.Hosting;

/// <summary>One binding of a function as the worker SDK writes it into functions.metadata.</summary>
public sealed record FunctionBinding(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("route")] string? Route,
    [property: JsonPropertyName("methods")] IReadOnlyList<string>? Methods,
    [property: JsonPropertyName("authLevel")] string? AuthLevel,
    [property: JsonPropertyName("schedule")] string? Schedule,
    [property: JsonPropertyName("runOnStartup")] bool RunOnStartup,
    [property: JsonPropertyName("queueName")] string? QueueName);

/// <summary>A function as the Functions host sees it: name, entry point ("Namespace.Type.Method") and bindings.</summary>
public sealed record FunctionMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("entryPoint")] string EntryPoint,
    [property: JsonPropertyName("bindings")] IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
    public bool IsHttp => Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);
    public bool IsTimer => Trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase);
    public bool IsQueue => Trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The HTTP methods, upper case, as ASP.NET Core routing names them.</summary>
    public IReadOnlyList<string> HttpMethods => [.. (Trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).Order()];
}

/// <summary>The queue settings of host.json that the local host must honour as the Functions host does.</summary>
public sealed record QueueHostSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout, bool Base64)
{
    /// <summary>The Functions host's own defaults, for a host.json that says nothing.</summary>
    public static readonly QueueHostSettings Defaults = new(5, TimeSpan.Zero, Base64: true);
}

/// <summary>
/// What the Functions host reads from the app folder: functions.metadata (written by the worker SDK
/// from the [Function] attributes, so the one list of functions) and host.json.
/// </summary>
public sealed record FunctionApp(IReadOnlyList<FunctionMetadata> Functions, QueueHostSettings Queues, string RoutePrefix)
{
    public const string MetadataFile = "functions.metadata";

    /// <summary>The app folder is the program's own, unless Functions:AppRoot says otherwise.</summary>
    public static FunctionApp Load(IConfiguration config) =>
        Load(config["Functions:AppRoot"] is { Length: > 0 } root ? root : AppContext.BaseDirectory);

    public static FunctionApp Load(string appRoot)
    {
        var path = Path.Combine(appRoot, MetadataFile);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"No {MetadataFile} in {appRoot}: build the app (dotnet build) so the worker SDK writes it.");
        var functions = JsonSerializer.Deserialize<List<FunctionMetadata>>(File.ReadAllText(path))!
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var (queues, prefix) = ReadHostJson(Path.Combine(appRoot, "host.json"));
        return new FunctionApp(functions, queues, prefix);
    }

    public IEnumerable<FunctionMetadata> Http => Functions.Where(f => f.IsHttp);
    public IEnumerable<FunctionMetadata> Timers => Functions.Where(f => f.IsTimer);
    public IEnumerable<FunctionMetadata> QueueTriggered => Functions.Where(f => f.IsQueue);

    /// <summary>The path a request uses, as the host builds it from the route prefix and the function's route.</summary>
    public string PathOf(FunctionMetadata function)
    {
        var route = function.Trigger.Route is { Length: > 0 } r ? r : function.Name;
        return "/" + string.Join('/', new[] { RoutePrefix, route }.Where(s => s.Length > 0));
    }

    private static (QueueHostSettings, string) ReadHostJson(string hostJson)
    {
        var settings = QueueHostSettings.Defaults;
        var prefix = "api";
        if (!File.Exists(hostJson)) return (settings, prefix);
        using var doc = JsonDocument.Parse(File.ReadAllText(hostJson));
        if (!doc.RootElement.TryGetProperty("extensions", out var ext)) return (settings, prefix);
        if (ext.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var p)) prefix = p.GetString() ?? "";
        if (!ext.TryGetProperty("queues", out var q)) return (settings, prefix);
        if (q.TryGetProperty("maxDequeueCount", out var max)) settings = settings with { MaxDequeueCount = max.GetInt32() };
        if (q.TryGetProperty("visibilityTimeout", out var vis) && TimeSpan.TryParse(vis.GetString(), out var ts))
            settings = settings with { VisibilityTimeout = ts };
        if (q.TryGetProperty("messageEncoding", out var enc))
            settings = settings with { Base64 = !string.Equals(enc.GetString(), "none", StringComparison.OrdinalIgnoreCase) };
        return (settings, prefix.Trim('/'));
    }
}
