using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Match;

/// <summary>Timings the command measured, in milliseconds.</summary>
internal sealed record Timings(long ReadMs, long MatchMs, long TotalMs);

/// <summary>The report file: everything in the result except the pairs (those are in the CSV), plus timings.</summary>
internal sealed record Report(
    int Applications,
    int Pairs,
    Optimality Optimality,
    IReadOnlyList<UnmatchedMentee> Unmatched,
    IReadOnlyList<BothSummary> Both,
    SupplyDemand SupplyDemand,
    Timings Timings,
    MatchSettings Settings);

internal static class MatchOutput
{
    private static readonly JsonSerializerOptions Json = new(MatchSettingsJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A file for people and tools, not HTML: keep quotes and '+' readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WritePairs(TextWriter writer, IEnumerable<MatchPair> pairs)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "mentor_id", "mentee_id", "score", "reasons" }) csv.WriteField(h);
        csv.NextRecord();
        foreach (var p in pairs)
        {
            csv.WriteField(p.MentorId);
            csv.WriteField(p.MenteeId);
            csv.WriteField(p.Score.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(p.Reasons);
            csv.NextRecord();
        }
    }

    public static string ReportJson(Report report) => JsonSerializer.Serialize(report, Json);
}
