using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

public sealed record ApplicationView(
    string Id, string Role, string Name, string Email, string Organisation, int YearsInSector, string Region, string Meeting,
    IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, int Capacity, IReadOnlyList<string> Avoid, string Notes,
    string Status, string Source, int Version, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt)
{
    public static ApplicationView From(ApplicationEntity e)
    {
        var a = e.ToApplication();
        return new(a.Id, a.Role.ToText(), a.Name, a.Email, a.Organisation, a.YearsInSector, a.Region, a.Meeting.ToText(),
            a.Offers, a.Seeks, a.Capacity, a.Avoid, a.Notes, e.Status, e.Source, e.Version, e.SubmittedAt, e.UpdatedAt);
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

    public IEnumerable<ApplicationEntity> Apply(IEnumerable<ApplicationEntity> entities) =>
        entities.Where(Matches).OrderBy(e => e.SubmittedAt).ThenBy(e => e.Id, StringComparer.Ordinal);

    private bool Matches(ApplicationEntity e)
    {
        var a = e.ToApplication();
        if (Role is not null && RoleNames.TryParseRole(Role, out var role) &&
            !(a.Role == role || (a.Role == Core.Applications.Role.Both && role != Core.Applications.Role.Both &&
                                 (role == Core.Applications.Role.Mentor ? a.OffersMentoring : a.WantsMentor)))) return false;
        if (Region is not null && !a.Region.Equals(Region, StringComparison.OrdinalIgnoreCase)) return false;
        if (Meeting is not null && RoleNames.TryParseMeeting(Meeting, out var meeting) && a.Meeting != meeting) return false;
        if (Topic is not null && !a.Offers.Concat(a.Seeks).Contains(Topic, StringComparer.OrdinalIgnoreCase)) return false;
        if (MinYears is { } min && a.YearsInSector < min) return false;
        if (MaxYears is { } max && a.YearsInSector > max) return false;
        if ((Status ?? ApplicationStatus.Active) is var status && status != "all" && !e.Status.Equals(status, StringComparison.OrdinalIgnoreCase)) return false;
        return Q is null || new[] { a.Name, a.Email, a.Organisation, a.Notes }.Any(t => t.Contains(Q, StringComparison.OrdinalIgnoreCase));
    }
}
