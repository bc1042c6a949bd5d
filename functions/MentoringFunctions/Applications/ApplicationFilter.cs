using System.Text.Json.Serialization;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public sealed record ApplicationView(
    string Id, [property: JsonConverter(typeof(CamelCaseEnum<Role>))] Role Role, string Name, string Email,
    string Organisation, int YearsInSector, string Region, string Meeting,
    IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, int Capacity, IReadOnlyList<string> Avoid, string Notes,
    [property: JsonConverter(typeof(CamelCaseEnum<ApplicationStatus>))] ApplicationStatus Status, string Source,
    int Version, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt)
{
    public static ApplicationView From(CohortApplication stored)
    {
        var a = stored.Application;
        return new(a.Id, a.Role, a.Name, a.Email, a.Organisation, a.YearsInSector, a.Region, a.Meeting.ToText(),
            a.Offers, a.Seeks, a.Capacity, a.Avoid, a.Notes, stored.Status, stored.Source, stored.Version,
            stored.SubmittedAt, stored.UpdatedAt);
    }
}

/// <summary>
/// The working group's cross-filters, all optional and combined with AND: role ("mentor" also
/// finds "both"), region, meeting, a topic offered or sought, years range, status and free text.
/// </summary>
public sealed record ApplicationFilter(
    string? Role = null, string? Region = null, string? Meeting = null, string? Topic = null,
    int? MinYears = null, int? MaxYears = null, string? Status = null, string? Q = null)
{
    public static ApplicationFilter From(IQueryCollection query)
    {
        string? S(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;
        int? N(string key) => int.TryParse(S(key), out var n) ? n : null;
        return new(S("role"), S("region"), S("meeting"), S("topic"), N("minYears"), N("maxYears"), S("status"), S("q"));
    }

    /// <summary>Filter values that cannot mean anything: an unknown role or meeting, years that are not 0-60, control characters.</summary>
    public static Dictionary<string, string[]> Check(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, values) in query)
            if (values.Count > 1) errors[key] = ["Give this filter once."];
            else if (values.ToString() is { Length: > 200 } || Core.Validation.TextRules.HasControl(values.ToString()))
                errors[key] = ["At most 200 characters, without control characters."];
        if (errors.Count > 0) return errors;
        var filter = From(query);
        if (filter.Role is { } r && !RoleNames.TryParseRole(r, out _)) errors["role"] = ["Use mentor, mentee or both."];
        if (filter.Meeting is { } m && !RoleNames.TryParseMeeting(m, out _)) errors["meeting"] = ["Use online, in-person or either."];
        foreach (var key in new[] { "minYears", "maxYears" })
            if (query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v)
                && !(int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                     && n <= ApplicationRules.MaxYears))
                errors[key] = [$"A whole number of years from 0 to {ApplicationRules.MaxYears}."];
        if (filter.Status is { } st && !st.Equals("all", StringComparison.OrdinalIgnoreCase)
            && !Enum.GetValues<ApplicationStatus>().Any(x => x.ToText().Equals(st, StringComparison.OrdinalIgnoreCase)))
            errors["status"] = [$"Use all, or one of: {string.Join(", ", Enum.GetValues<ApplicationStatus>().Select(x => x.ToText()))}."];
        return errors;
    }

    public IEnumerable<CohortApplication> Apply(IEnumerable<CohortApplication> applications) =>
        applications.Where(Matches).OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id, StringComparer.Ordinal);

    // Active unless asked; "all" shows every status, and a status nobody can have shows nothing.
    private bool ShowsStatus(ApplicationStatus status) => Status switch
    {
        null => status == ApplicationStatus.Active,
        _ when Status.Equals("all", StringComparison.OrdinalIgnoreCase) => true,
        _ => status.ToText().Equals(Status, StringComparison.OrdinalIgnoreCase),
    };

    private bool Matches(CohortApplication stored)
    {
        var a = stored.Application;
        if (Role is not null && RoleNames.TryParseRole(Role, out var role) &&
            !(a.Role == role || (a.Role == Core.Applications.Role.Both && role != Core.Applications.Role.Both &&
                                 (role == Core.Applications.Role.Mentor ? a.OffersMentoring : a.WantsMentor)))) return false;
        if (Region is not null && !a.Region.Equals(Region, StringComparison.OrdinalIgnoreCase)) return false;
        if (Meeting is not null && RoleNames.TryParseMeeting(Meeting, out var meeting) && a.Meeting != meeting) return false;
        if (Topic is not null && !a.Offers.Concat(a.Seeks).Contains(Topic, StringComparer.OrdinalIgnoreCase)) return false;
        if (MinYears is { } min && a.YearsInSector < min) return false;
        if (MaxYears is { } max && a.YearsInSector > max) return false;
        if (!ShowsStatus(stored.Status)) return false;
        return Q is null || new[] { a.Name, a.Email, a.Organisation, a.Notes }.Any(t => t.Contains(Q, StringComparison.OrdinalIgnoreCase));
    }
}
