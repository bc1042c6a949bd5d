namespace MentoringFunctions.Storage;

/// <summary>
/// Statuses and roles are stored as text columns, not as enum properties: on read, Azure.Data.Tables
/// turns text it cannot match exactly (another case, a retired name) into the enum's first member,
/// so a "withdrawn" row would quietly load as active, and a LINQ filter on an enum property is sent
/// as a number that matches no row. Text read here is matched ignoring case, and anything else throws.
/// </summary>
public static class StoredText
{
    public static T Parse<T>(string text) where T : struct, Enum =>
        !string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] != '-' &&
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"'{text}' is not a stored {typeof(T).Name}.");
}
