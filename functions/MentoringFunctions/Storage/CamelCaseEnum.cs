using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentoringFunctions.Storage;

/// <summary>
/// For enum properties whose JSON was lower-case words before they were enums ("mentor",
/// "active"): the attribute wins over the API's own enum converter, which writes names as they are.
/// </summary>
public sealed class CamelCaseEnum<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase) where T : struct, Enum;
