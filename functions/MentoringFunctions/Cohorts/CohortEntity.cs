using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Cohorts;

/// <summary>
/// Table "cohorts". PartitionKey = "cohort" (one small partition: a network runs a handful of
/// cohorts, so listing them all is one partition scan); RowKey = the cohort's slug id.
/// </summary>
internal sealed class CohortEntity : ITableEntity
{
    public const string Partition = "cohort";
    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = Cohort.DefaultTimeZone;
    public string ApplicationsOpen { get; set; } = "";
    public string ApplicationsClose { get; set; } = "";
    public string ProgrammeStart { get; set; } = "";
    public string Midpoint { get; set; } = "";
    public string ProgrammeEnd { get; set; } = "";
    public string Topics { get; set; } = "";
    public string Regions { get; set; } = "";
    public string WorkingGroupEmails { get; set; } = "";
    public string ReviewerEmails { get; set; } = "";
    public bool NotifyWorkingGroup { get; set; }
    public string RhythmJson { get; set; } = "";
    /// <summary>settings.json format; empty for cohorts stored before the settings were per cohort (the defaults).</summary>
    public string MatchingJson { get; set; } = "";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static CohortEntity From(Cohort c) => new()
    {
        RowKey = c.Id,
        Name = c.Name,
        TimeZone = c.TimeZone,
        ApplicationsOpen = c.ApplicationsOpen.ToString("O"),
        ApplicationsClose = c.ApplicationsClose.ToString("O"),
        ProgrammeStart = c.ProgrammeStart.ToString("O"),
        Midpoint = c.Midpoint.ToString("O"),
        ProgrammeEnd = c.ProgrammeEnd.ToString("O"),
        Topics = TableKeys.JoinList(c.Topics),
        Regions = TableKeys.JoinList(c.Regions),
        WorkingGroupEmails = TableKeys.JoinList(c.WorkingGroupEmails),
        ReviewerEmails = TableKeys.JoinList(c.ReviewerEmails),
        NotifyWorkingGroup = c.NotifyWorkingGroup,
        RhythmJson = System.Text.Json.JsonSerializer.Serialize(c.Rhythm, Json),
        MatchingJson = Core.Matching.MatchSettingsJson.Write(c.Matching),
    };

    public Cohort ToCohort() => new(RowKey, Name, TimeZone,
        DateOnly.Parse(ApplicationsOpen), DateOnly.Parse(ApplicationsClose), DateOnly.Parse(ProgrammeStart),
        DateOnly.Parse(Midpoint), DateOnly.Parse(ProgrammeEnd),
        TableKeys.SplitList(Topics), TableKeys.SplitList(Regions), TableKeys.SplitList(WorkingGroupEmails), NotifyWorkingGroup)
    {
        ReviewerEmails = TableKeys.SplitList(ReviewerEmails),
        Rhythm = string.IsNullOrEmpty(RhythmJson) ? new() : System.Text.Json.JsonSerializer.Deserialize<Core.Rhythm.RhythmSettings>(RhythmJson, Json) ?? new(),
        Matching = MatchingJson.Length == 0 ? Core.Matching.MatchSettings.Default
            : (Core.Matching.MatchSettingsJson.Parse(MatchingJson).Settings
               ?? throw new InvalidDataException($"Cohort {RowKey} has unreadable matching settings.")) with { Engine = new() },
    };
}
