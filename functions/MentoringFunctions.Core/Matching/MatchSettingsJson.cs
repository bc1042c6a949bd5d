using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentoringFunctions.Core.Matching;

/// <summary>The settings.json format: camelCase, enums as camelCase strings, comments and trailing commas allowed.</summary>
public static class MatchSettingsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static string Write(MatchSettings settings) => JsonSerializer.Serialize(settings, Options);

    /// <summary>Parses settings; a typo'd or ill-typed field comes back as an error naming its JSON path.</summary>
    public static (MatchSettings? Settings, string? Error) Parse(string json)
    {
        try
        {
            var settings = JsonSerializer.Deserialize<MatchSettings>(json, Options);
            return settings is null ? (null, "the settings are empty (null)") : (Normalise(settings), null);
        }
        catch (JsonException e)
        {
            // The serializer reports bad input by throwing; this is the one boundary where we turn it into a value.
            var where = e.Path is { Length: > 0 } p ? $" at {p}" : "";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            return (null, $"settings{where}{line}: {FirstSentence(e.Message)}");
        }
    }

    // JSON null for a sub-object means "defaults", not a crash later.
    private static MatchSettings Normalise(MatchSettings s) => s with
    {
        Rules = s.Rules ?? new(),
        Weights = s.Weights ?? new(),
        IdealGap = s.IdealGap ?? new(),
        Engine = s.Engine ?? new(),
        Locks = s.Locks ?? [],
        Excludes = s.Excludes ?? [],
        PreviousPairs = s.PreviousPairs ?? [],
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
