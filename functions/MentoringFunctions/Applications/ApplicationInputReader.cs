using System.Text.Json;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

/// <summary>
/// Reads a submission from the HTML form or from JSON into raw text fields, so both go through
/// the one validator. JSON may send numbers or strings, and lists as arrays or ';'-separated text.
/// </summary>
public static class ApplicationInputReader
{
    public const string CohortField = "cohort";

    /// <summary>The honeypot: hidden from people, on screen and from screen readers, so only a bot fills it in.</summary>
    public const string HoneypotField = "website";

    public static bool IsTrapped(IFormCollection form) => !string.IsNullOrWhiteSpace(form[HoneypotField].ToString());

    public static bool IsTrapped(JsonElement json) =>
        json.TryGetProperty(HoneypotField, out var v) && !string.IsNullOrWhiteSpace(Text(v));

    public static (string? Cohort, ApplicationInput Input) FromForm(IFormCollection form)
    {
        string? One(string key) => form.TryGetValue(key, out var v) ? v.ToString() : null;
        IReadOnlyList<string> Many(string key) => ApplicationInput.SplitList(form[key].Select(v => v?.Replace('\n', ';')));
        return (One(CohortField), new ApplicationInput
        {
            Role = One(Fields.Role), Name = One(Fields.Name), Email = One(Fields.Email),
            Organisation = One(Fields.Organisation), YearsInSector = One(Fields.YearsInSector),
            Region = One(Fields.Region), Meeting = One(Fields.Meeting),
            Offers = Many(Fields.Offers), Seeks = Many(Fields.Seeks), Capacity = One(Fields.Capacity),
            Avoid = Many(Fields.Avoid), Notes = One(Fields.Notes), Consent = IsYes(One(Fields.Consent)),
        });
    }

    public static (string? Cohort, ApplicationInput Input) FromJson(JsonElement json)
    {
        string? One(string key) => json.TryGetProperty(key, out var v) ? Text(v) : null;
        IReadOnlyList<string> Many(string key) =>
            !json.TryGetProperty(key, out var v) ? []
            : v.ValueKind == JsonValueKind.Array ? ApplicationInput.SplitList(v.EnumerateArray().Select(Text))
            : ApplicationInput.SplitList([Text(v)]);
        return (One(CohortField), new ApplicationInput
        {
            Role = One(Fields.Role), Name = One(Fields.Name), Email = One(Fields.Email),
            Organisation = One(Fields.Organisation), YearsInSector = One(Fields.YearsInSector),
            Region = One(Fields.Region), Meeting = One(Fields.Meeting),
            Offers = Many(Fields.Offers), Seeks = Many(Fields.Seeks), Capacity = One(Fields.Capacity),
            Avoid = Many(Fields.Avoid), Notes = One(Fields.Notes),
            Consent = json.TryGetProperty(Fields.Consent, out var c) && (c.ValueKind == JsonValueKind.True || IsYes(Text(c))),
        });
    }

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => v.GetRawText(),
    };

    private static bool IsYes(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase)
                              || value.Equals("on", StringComparison.OrdinalIgnoreCase) || value == "1");
}
