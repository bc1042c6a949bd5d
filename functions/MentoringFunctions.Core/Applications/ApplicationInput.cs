namespace MentoringFunctions.Core.Applications;

/// <summary>
/// An application as typed: every field is raw text, so the form, JSON and CSV all go
/// through one validator and a person gets their own words back next to each error.
/// Lists arrive either as repeated values (form checkboxes) or as one ';'-separated string.
/// </summary>
public sealed record ApplicationInput
{
    public string? Id { get; init; }
    public string? Role { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Organisation { get; init; }
    public string? YearsInSector { get; init; }
    public string? Region { get; init; }
    public string? Meeting { get; init; }
    public IReadOnlyList<string> Offers { get; init; } = [];
    public IReadOnlyList<string> Seeks { get; init; } = [];
    public string? Capacity { get; init; }
    public IReadOnlyList<string> Avoid { get; init; } = [];
    public string? Notes { get; init; }
    public bool Consent { get; init; }

    /// <summary>Splits "a; b;;c" into ["a","b","c"]; each value may itself hold ';'.</summary>
    public static IReadOnlyList<string> SplitList(IEnumerable<string?>? values) =>
        (values ?? [])
            .SelectMany(v => (v ?? "").Split(';'))
            .Select(v => v.Trim())
            .Where(v => v.Length > 0)
            .ToList();
}

/// <summary>The field names used in errors, JSON, the form and the CSV header alike.</summary>
public static class Fields
{
    public const string Id = "id";
    public const string Role = "role";
    public const string Name = "name";
    public const string Email = "email";
    public const string Organisation = "organisation";
    public const string YearsInSector = "years_in_sector";
    public const string Region = "region";
    public const string Meeting = "meeting";
    public const string Offers = "offers";
    public const string Seeks = "seeks";
    public const string Capacity = "capacity";
    public const string Avoid = "avoid";
    public const string Notes = "notes";
    public const string Consent = "consent";
}
