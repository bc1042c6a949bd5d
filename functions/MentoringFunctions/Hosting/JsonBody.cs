using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Hosting;

/// <summary>
/// Reads a JSON body so that a malformed one gets RFC 9457 details naming the field and why,
/// instead of the framework's bare 400.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null ? (null, Problem("$", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return (null, Problem(field, $"Not readable as JSON of the expected type (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}). Dates are yyyy-MM-dd; lists are arrays of strings."));
        }
    }

    private static ValidationProblem Problem(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, title: "Unreadable request body");
}
