using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Hosting;

/// <summary>
/// Reads a JSON body strictly, so that what the use cases see is well-formed text of a size storage can
/// hold: at most a limit in bytes, valid UTF-8 with no lone surrogate escapes (which .NET would only
/// notice when a string is read, far from here), nested at most <see cref="MaxDepth"/> deep, strings
/// within Table Storage's 64 KB property, lists bounded and without nulls. Every refusal is a 4xx
/// problem naming the field (a JSON path without the "$.") and why. Values are the validators' business.
/// </summary>
public static class JsonBody
{
    public const int MaxDepth = 16;
    /// <summary>Table Storage keeps a string property of up to 64 KB, as UTF-16.</summary>
    public const int MaxString = 32 * 1024;
    public const int MaxItems = 1000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        MaxDepth = MaxDepth,
    };

    /// <summary>The body as <typeparamref name="T"/> (a JSON object), or the problem with it.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct,
        int limit = RequestBody.DefaultLimit) where T : class
    {
        var (document, problem) = await ReadDocumentAsync(request, ct, limit);
        if (document is null) return (null, problem);
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Unreadable("$", "The body must be a JSON object."));
            try
            {
                return (document.RootElement.Deserialize<T>(Options), null);
            }
            catch (JsonException ex)
            {
                return (null, Unreadable(FieldOf(ex.Path),
                    "Not a value of the expected type: dates are yyyy-MM-dd, lists are arrays of strings, numbers are numbers."));
            }
        }
    }

    /// <summary>The body as a checked document (any root kind; the caller says which it wants), or the problem with it.</summary>
    /// <param name="allowEmpty">No body (or only white space) is no document and no problem, where a body is optional.</param>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(HttpRequest request,
        CancellationToken ct, int limit = RequestBody.DefaultLimit, bool allowEmpty = false)
    {
        if (request.ContentType is { Length: > 0 } type && !IsJson(type))
            return (null, Problems.Field(StatusCodes.Status415UnsupportedMediaType, "$",
                $"Send JSON (Content-Type: application/json), not {type}.", "Unsupported body type"));
        var (bytes, problem) = await RequestBody.ReadAsync(request, limit, ct);
        if (bytes is null) return (null, problem);
        return allowEmpty && bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') ? (null, null) : Parse(bytes);
    }

    public static (JsonDocument? Document, ProblemHttpResult? Problem) Parse(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        if (bytes.IsEmpty) return (null, Unreadable("$", "The body is empty: send a JSON object."));
        if (!Utf8.IsValid(bytes.Span)) return (null, Unreadable("$", "The body is not valid UTF-8."));
        if (LoneSurrogate(bytes.Span) is { } at)
            return (null, Unreadable("$", $"The body has a lone UTF-16 surrogate escape at byte {at}: not a character."));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            var where = $"line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}";
            return (null, Unreadable(FieldOf(ex.Path), $"The body is not valid JSON ({where}), or is nested deeper than {MaxDepth}."));
        }
        if (Shape(document.RootElement, "") is { } error)
        {
            document.Dispose();
            return (null, Unreadable(error.Field, error.Reason));
        }
        return (document, null);
    }

    public static ProblemHttpResult Unreadable(string field, string reason) =>
        Problems.Field(StatusCodes.Status400BadRequest, field.Length == 0 ? "$" : field, reason, "Unreadable request body");

    private static bool IsJson(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static string FieldOf(string? path) => string.IsNullOrEmpty(path) ? "$" : path == "$" ? "$" : path.TrimStart('$', '.');

    /// <summary>Lengths, counts and nulls in lists, checked before any binding; the first problem found.</summary>
    private static (string Field, string Reason)? Shape(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString()!.Length > MaxString:
                return (Path(path), $"At most {MaxString} characters.");
            case JsonValueKind.Array:
                if (element.GetArrayLength() > MaxItems) return (Path(path), $"At most {MaxItems} items.");
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var at = $"{path}[{i++}]";
                    if (item.ValueKind == JsonValueKind.Null) return (at, "A list may not hold null.");
                    if (Shape(item, at) is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (property.Name.Length > 200) return (Path(path), "A property name is longer than 200 characters.");
                    if (Shape(property.Value, at) is { } inner) return inner;
                }
                return null;
            default:
                return null;
        }
    }

    private static string Path(string path) => path.Length == 0 ? "$" : path;

    /// <summary>
    /// The byte offset of a \uD800-\uDFFF escape that is not half of a pair, or null. A backslash only
    /// occurs inside strings in JSON, so a scan of escapes needs no tokenizer.
    /// </summary>
    public static int? LoneSurrogate(ReadOnlySpan<byte> json)
    {
        var pendingHigh = -1;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length) { if (pendingHigh >= 0) return pendingHigh; continue; }
            if (json[i + 1] != 'u' || i + 5 >= json.Length || !Hex(json.Slice(i + 2, 4), out var unit))
            {
                if (pendingHigh >= 0) return pendingHigh;
                i++;
                continue;
            }
            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (pendingHigh >= 0 && !isLow) return pendingHigh;
            if (pendingHigh < 0 && isLow) return i;
            pendingHigh = isHigh ? i : -1;
            i += 5;
        }
        return pendingHigh >= 0 ? pendingHigh : null;
    }

    private static bool Hex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            var v = d is >= (byte)'0' and <= (byte)'9' ? d - '0' : d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                : d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10 : -1;
            if (v < 0) return false;
            value = value * 16 + v;
        }
        return true;
    }
}
