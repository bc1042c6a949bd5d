using System.Globalization;
using MentoringFunctions.Core.Validation;

namespace MentoringFunctions.Core.Applications;

/// <summary>
/// What a submission is checked against. Null lists accept any value (the match command has no
/// cohort); a cohort's lists make values canonical, so "finance" on the form and "Finance" in a
/// spreadsheet are one topic for the matcher.
/// </summary>
public sealed record ApplicationRules(
    IReadOnlyList<string>? Topics = null,
    IReadOnlyList<string>? Regions = null,
    bool RequireConsent = false)
{
    public const int MaxYears = 60;
    public const int MaxCapacity = 5;
    public const int MaxListItems = 20;
    public const int MaxText = 200;
    public const int MaxNotes = 4000;
}

public static class ApplicationValidator
{
    public static Validated<Application> Validate(ApplicationInput input, ApplicationRules rules, string id)
    {
        var errors = new ValidationErrors();

        if (!RoleNames.TryParseRole(input.Role, out var role))
            errors.Add(Fields.Role, Blank(input.Role) ? "Choose mentor, mentee or both." : $"'{input.Role}' is not a role: use mentor, mentee or both.");

        var name = Text(input.Name, Fields.Name, "your name", required: true, errors);
        var email = (input.Email ?? "").Trim().ToLowerInvariant();
        if (email.Length == 0) errors.Add(Fields.Email, "Enter your e-mail address.");
        else if (!LooksLikeEmail(email)) errors.Add(Fields.Email, $"'{input.Email?.Trim()}' is not an e-mail address (like name@example.org).");
        var organisation = Text(input.Organisation, Fields.Organisation, "organisation", required: false, errors);

        var years = 0;
        if (Blank(input.YearsInSector)) errors.Add(Fields.YearsInSector, "Enter your years in the sector (0 if you are new).");
        else if (!int.TryParse(input.YearsInSector!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out years) || years > ApplicationRules.MaxYears)
            errors.Add(Fields.YearsInSector, $"'{input.YearsInSector.Trim()}' is not a whole number of years from 0 to {ApplicationRules.MaxYears}.");

        var region = Text(input.Region, Fields.Region, "your region", required: true, errors);
        if (region.Length > 0 && rules.Regions is { Count: > 0 } regions)
        {
            var canonical = Canonical(region, regions);
            if (canonical is null) errors.Add(Fields.Region, $"'{region}' is not one of the regions: {string.Join(", ", regions)}.");
            else region = canonical;
        }

        if (!RoleNames.TryParseMeeting(input.Meeting, out var meeting))
            errors.Add(Fields.Meeting, Blank(input.Meeting) ? "Choose online, in-person or either." : $"'{input.Meeting}' is not a meeting preference: use online, in-person or either.");

        var offersMentoring = role is Role.Mentor or Role.Both;
        var wantsMentor = role is Role.Mentee or Role.Both;
        var roleKnown = !errors.Has(Fields.Role);

        var offers = offersMentoring ? Topics(input.Offers, Fields.Offers, rules, errors) : [];
        if (roleKnown && offersMentoring && offers.Count == 0 && !errors.Has(Fields.Offers))
            errors.Add(Fields.Offers, "Choose at least one topic you can offer as a mentor.");
        var seeks = wantsMentor ? Topics(input.Seeks, Fields.Seeks, rules, errors) : [];
        if (roleKnown && wantsMentor && seeks.Count == 0 && !errors.Has(Fields.Seeks))
            errors.Add(Fields.Seeks, "Choose at least one topic you would like help with.");

        var capacity = 0;
        if (offersMentoring)
        {
            capacity = 1;
            if (!Blank(input.Capacity) &&
                (!int.TryParse(input.Capacity!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity < 1 || capacity > ApplicationRules.MaxCapacity))
                errors.Add(Fields.Capacity, $"'{input.Capacity.Trim()}' is not a number of mentees from 1 to {ApplicationRules.MaxCapacity}.");
        }

        var avoid = Distinct(input.Avoid);
        if (ApplicationInput.SplitList(input.Avoid).Count > ApplicationRules.MaxListItems)
            errors.Add(Fields.Avoid, $"List at most {ApplicationRules.MaxListItems} people or organisations to avoid.");
        if (avoid.Any(a => a.Length > ApplicationRules.MaxText)) errors.Add(Fields.Avoid, $"Each entry must be at most {ApplicationRules.MaxText} characters.");

        var notes = (input.Notes ?? "").Trim();
        if (notes.Length > ApplicationRules.MaxNotes) errors.Add(Fields.Notes, $"Notes must be at most {ApplicationRules.MaxNotes} characters (these are {notes.Length}).");

        if (rules.RequireConsent && !input.Consent)
            errors.Add(Fields.Consent, "Tick the box to agree that we store your application and share it with your match.");

        foreach (var (field, value) in new[]
                 {
                     (Fields.Role, input.Role), (Fields.Name, input.Name), (Fields.Email, input.Email),
                     (Fields.Organisation, input.Organisation), (Fields.YearsInSector, input.YearsInSector),
                     (Fields.Region, input.Region), (Fields.Meeting, input.Meeting), (Fields.Capacity, input.Capacity),
                 })
            if (TextRules.HasControl(value)) errors.Add(field, TextRules.LineReason);
        foreach (var (field, list) in new[] { (Fields.Offers, input.Offers), (Fields.Seeks, input.Seeks), (Fields.Avoid, input.Avoid) })
            if (list.Any(item => TextRules.HasControl(item))) errors.Add(field, TextRules.LineReason);
        if (TextRules.HasControl(input.Notes, multiline: true)) errors.Add(Fields.Notes, TextRules.ControlReason);

        if (!errors.IsEmpty) return Validated<Application>.Fail(errors);
        return Validated<Application>.Ok(new Application(id, role, name, email, organisation, years, region, meeting,
            offers, seeks, capacity, avoid, notes));
    }

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static string Text(string? value, string field, string what, bool required, ValidationErrors errors)
    {
        var text = (value ?? "").Trim();
        if (required && text.Length == 0) errors.Add(field, $"Enter {what}.");
        else if (text.Length > ApplicationRules.MaxText) errors.Add(field, $"Must be at most {ApplicationRules.MaxText} characters.");
        return text;
    }

    // Deliberately loose: the confirmation e-mail is the real test of an address.
    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.')
            && email.Length <= 254 && !email.Any(c => char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>');
    }

    private static IReadOnlyList<string> Topics(IReadOnlyList<string> raw, string field, ApplicationRules rules, ValidationErrors errors)
    {
        // Counted as sent, before duplicates fold: a list of 500,000 copies of one topic is not one topic.
        if (ApplicationInput.SplitList(raw).Count > ApplicationRules.MaxListItems)
        {
            errors.Add(field, $"Choose at most {ApplicationRules.MaxListItems} topics.");
            return [];
        }
        var topics = Distinct(raw);
        if (rules.Topics is not { Count: > 0 } allowed) return topics;
        var result = new List<string>();
        foreach (var topic in topics)
        {
            var canonical = Canonical(topic, allowed);
            if (canonical is null) errors.Add(field, $"'{topic}' is not one of this programme's topics: {string.Join(", ", allowed)}.");
            else if (!result.Contains(canonical)) result.Add(canonical);
        }
        return result;
    }

    private static string? Canonical(string value, IReadOnlyList<string> allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static List<string> Distinct(IReadOnlyList<string> values) =>
        ApplicationInput.SplitList(values).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
