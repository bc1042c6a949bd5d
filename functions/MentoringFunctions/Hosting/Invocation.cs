using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentoringFunctions.Hosting;

/// <summary>
/// What the Functions host POSTs to /&lt;FunctionName&gt; for a non-HTTP trigger:
/// Data holds the trigger's (and input bindings') values by binding name; Metadata the trigger's
/// details (DequeueCount, Id, ... for queues).
/// </summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata)
{
    /// <summary>
    /// The queue message text. The host serialises string inputs, so a JSON message can arrive
    /// as a JSON string holding JSON: unwrap once when the string itself looks like JSON.
    /// </summary>
    public string? MessageText(string bindingName)
    {
        if (Data is null || !Data.TryGetValue(bindingName, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) return value.GetRawText();
        var text = value.GetString() ?? "";
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('"'))
        {
            try { return JsonSerializer.Deserialize<string>(trimmed) ?? text; }
            catch (JsonException) { return text; }
        }
        return text;
    }

    public int DequeueCount() =>
        Metadata is not null && Metadata.TryGetValue("DequeueCount", out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetInt32() : int.TryParse(v.GetString(), out var n) ? n : 1
            : 1;
}

/// <summary>The handler's answer to the host. A non-2xx HTTP status fails the invocation.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, JsonElement> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] JsonElement? ReturnValue)
{
    public static InvocationResponse WithLogs(params string[] logs) => new([], logs, null);
}

/// <summary>
/// The outcome of one invocation. Failed means "retry me" (the host, or the local stand-in,
/// re-delivers a queue message); something that can never succeed should be recorded and
/// answered as Succeeded so it does not loop into the poison queue for nothing.
/// </summary>
public sealed record InvocationResult(bool Succeeded, IReadOnlyList<string> Logs)
{
    public static InvocationResult Ok(params string[] logs) => new(true, logs);
    public static InvocationResult Retry(params string[] logs) => new(false, logs);
}

/// <summary>A timer- or queue-triggered function, invoked by name with the host's envelope.</summary>
public interface IFunction
{
    string Name { get; }
    Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
