using System.Text.Json;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

/// <summary>A submission as read: the cohort, the fields as text, and the fields whose JSON type or form shape was wrong.</summary>
public sealed record ReadSubmission(string? Cohort, ApplicationInput Input, bool Trapped, Dictionary<string, string[]> Errors);

/// <summary>
/// Reads a submission from the HTML form or from JSON into raw text fields, so both go through the one
/// validator. The types are exact: text fields take a string, numbers a number or its digits as a string,
/// lists an array of strings or one ';'-separated string, consent a boolean; null only where a field is
/// optional. A field given anything else (e.g. an e-mail address as an array) is named in the errors,
/// never turned into its JSON text. A form field that takes one value must not come twice.
/// </summary>
public static class ApplicationInputReader
{
    public const string CohortField = "cohort";

    /// <summary>The honeypot: hidden from people, on screen and from screen readers, so only a bot fills it in.</summary>
    public const string HoneypotField = "website";

    public static ReadSubmission FromForm(IFormCollection form)
    {
        var errors = new Dictionary<string, string[]>();
        string? One(string key)
        {
            if (!form.TryGetValue(key, out var v)) return null;
            if (v.Count > 1) errors[key] = ["Give this field once."];
            return v.ToString();
        }
        IReadOnlyList<string> Many(string key) => ApplicationInput.SplitList(form[key].Select(v => v?.Replace('\n', ';')));
        var input = new ApplicationInput
        {
            Role = One(Fields.Role), Name = One(Fields.Name), Email = One(Fields.Email),
            Organisation = One(Fields.Organisation), YearsInSector = One(Fields.YearsInSector),
            Region = One(Fields.Region), Meeting = One(Fields.Meeting),
            Offers = Many(Fields.Offers), Seeks = Many(Fields.Seeks), Capacity = One(Fields.Capacity),
            Avoid = Many(Fields.Avoid), Notes = One(Fields.Notes), Consent = IsYes(One(Fields.Consent)),
        };
        return new ReadSubmission(One(CohortField), input, !string.IsNullOrWhiteSpace(One(HoneypotField)), errors);
    }

    public static ReadSubmission FromJson(JsonElement json)
    {
        var errors = new Dictionary<string, string[]>();
        string? Get(string key, Func<JsonElement, string?> read) =>
            json.TryGetProperty(key, out var v) ? read(v) : null;
        string? Text(JsonElement v, string key, bool optional) => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null when optional => null,
            _ => Wrong(key, optional ? "Must be text, or null." : "Must be text."),
        };
        string? Number(JsonElement v, string key) => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Null when key == Fields.Capacity => null,
            _ => Wrong(key, "Must be a whole number."),
        };
        IReadOnlyList<string> List(string key)
        {
            if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return [];
            if (v.ValueKind == JsonValueKind.String) return ApplicationInput.SplitList([v.GetString()]);
            if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
                return ApplicationInput.SplitList(v.EnumerateArray().Select(i => i.GetString()));
            Wrong(key, "Must be an array of strings, or one string with ';' between items.");
            return [];
        }
        string? Wrong(string key, string reason)
        {
            errors[key] = [reason];
            return null;
        }
        var consent = false;
        if (json.TryGetProperty(Fields.Consent, out var c))
            consent = c.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False or JsonValueKind.Null => false,
                JsonValueKind.String => IsYes(c.GetString()),
                _ => Wrong(Fields.Consent, "Must be true or false.") is not null,
            };
        var input = new ApplicationInput
        {
            Role = Get(Fields.Role, v => Text(v, Fields.Role, false)), Name = Get(Fields.Name, v => Text(v, Fields.Name, false)),
            Email = Get(Fields.Email, v => Text(v, Fields.Email, false)),
            Organisation = Get(Fields.Organisation, v => Text(v, Fields.Organisation, true)),
            YearsInSector = Get(Fields.YearsInSector, v => Number(v, Fields.YearsInSector)),
            Region = Get(Fields.Region, v => Text(v, Fields.Region, false)),
            Meeting = Get(Fields.Meeting, v => Text(v, Fields.Meeting, false)),
            Offers = List(Fields.Offers), Seeks = List(Fields.Seeks),
            Capacity = Get(Fields.Capacity, v => Number(v, Fields.Capacity)),
            Avoid = List(Fields.Avoid), Notes = Get(Fields.Notes, v => Text(v, Fields.Notes, true)), Consent = consent,
        };
        var trapped = !string.IsNullOrWhiteSpace(Get(HoneypotField, v => Text(v, HoneypotField, true)));
        return new ReadSubmission(Get(CohortField, v => Text(v, CohortField, false)), input, trapped, errors);
    }

    private static bool IsYes(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase)
                              || value.Equals("on", StringComparison.OrdinalIgnoreCase) || value == "1");
}
