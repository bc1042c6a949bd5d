namespace MentoringFunctions.Core.Validation;

/// <summary>Collects field errors in the shape RFC 9457 validation problems use.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>Either a value or the reasons it could not be made. No exceptions for bad input.</summary>
public sealed record Validated<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors) where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;

    public static Validated<T> Ok(T value) => new(value, new Dictionary<string, string[]>());

    public static Validated<T> Fail(ValidationErrors errors) => new(null, errors.ToDictionary());
}

/// <summary>
/// Text people type holds no control characters (a NUL, an escape, a bell): they have no meaning in a
/// name or a topic, and break the CSV, e-mails and pages the text is shown in. Line breaks and tabs are
/// allowed where text spans lines (notes, comments).
/// </summary>
public static class TextRules
{
    public const string ControlReason = "Must not contain control characters (such as NUL or escape).";
    public const string LineReason = "Must be one line, without control characters (such as NUL, tab or line breaks).";

    public static bool HasControl(string? value, bool multiline = false) =>
        value is not null && value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));
}
