namespace MentoringFunctions.Core.Cohorts;

/// <summary>
/// One programme year, e.g. "Heat Exchanger 2027". Dates are calendar dates in the cohort's
/// own time zone; "open" means from the opening date to the closing date inclusive there.
/// </summary>
public sealed record Cohort(
    string Id,
    string Name,
    string TimeZone,
    DateOnly ApplicationsOpen,
    DateOnly ApplicationsClose,
    DateOnly ProgrammeStart,
    DateOnly Midpoint,
    DateOnly ProgrammeEnd,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> WorkingGroupEmails,
    bool NotifyWorkingGroup)
{
    public const string DefaultTimeZone = "Europe/London";

    /// <summary>When nudges, feedback requests, lunches and digests go out.</summary>
    public Rhythm.RhythmSettings Rhythm { get; init; } = new();

    /// <summary>The settings a match run starts from unless the request brings its own.</summary>
    public Matching.MatchSettings Matching { get; init; } = Core.Matching.MatchSettings.Default;

    /// <summary>Working-group members who may read and handle feedback, but not change the cohort or its matches.</summary>
    public IReadOnlyList<string> ReviewerEmails { get; init; } = [];

    public static readonly IReadOnlyList<string> UkRegions =
    [
        "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
        "East of England", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland",
        "Outside the UK",
    ];

    public DateOnly Today(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);

    public bool IsOpen(DateTimeOffset now)
    {
        var today = Today(now);
        return today >= ApplicationsOpen && today <= ApplicationsClose;
    }

    /// <summary>Why applications are refused now, in words for the applicant; null when open.</summary>
    public string? ClosedReason(DateTimeOffset now)
    {
        var today = Today(now);
        if (today < ApplicationsOpen) return $"Applications for {Name} open on {ApplicationsOpen:d MMMM yyyy}.";
        if (today > ApplicationsClose) return $"Applications for {Name} closed on {ApplicationsClose:d MMMM yyyy}.";
        return null;
    }
}
