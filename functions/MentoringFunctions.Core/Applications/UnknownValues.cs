namespace MentoringFunctions.Core.Applications;

/// <summary>A topic or region a file uses that the cohort lacks, spelt as first seen, and how many rows use it.</summary>
public sealed record UnknownValue(string Value, int Rows);

/// <summary>
/// What an import would reject for want of a topic or region: found before anything is stored, so the working group
/// can add them to the cohort and import every row, instead of most rows failing one by one.
/// </summary>
public sealed record UnknownValues(IReadOnlyList<UnknownValue> Topics, IReadOnlyList<UnknownValue> Regions, int RowsAffected)
{
    public bool IsEmpty => Topics.Count == 0 && Regions.Count == 0;

    /// <summary>
    /// Compares as the validator does (trimmed, case-insensitive). Only the lists a row's role uses count: a mentee's
    /// offers are ignored on import, so a topic only there would not be rejected.
    /// </summary>
    public static UnknownValues Find(CsvFile file, IReadOnlyList<string> topics, IReadOnlyList<string> regions)
    {
        var knownTopics = new HashSet<string>(topics.Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
        var knownRegions = new HashSet<string>(regions.Select(r => r.Trim()), StringComparer.OrdinalIgnoreCase);
        var topicRows = new Dictionary<string, (string Spelling, int Rows)>(StringComparer.OrdinalIgnoreCase);
        var regionRows = new Dictionary<string, (string Spelling, int Rows)>(StringComparer.OrdinalIgnoreCase);
        var affected = 0;
        foreach (var row in file.Rows.Where(r => r.Error is null))
        {
            var input = row.Input;
            var parsed = RoleNames.TryParseRole(input.Role, out var role);
            var used = new List<string>();
            if (!parsed || role is Role.Mentor or Role.Both) used.AddRange(input.Offers);
            if (!parsed || role is Role.Mentee or Role.Both) used.AddRange(input.Seeks);
            var newTopics = used.Select(t => t.Trim()).Where(t => t.Length > 0 && !knownTopics.Contains(t))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var region = (input.Region ?? "").Trim();
            var newRegion = region.Length > 0 && knownRegions.Count > 0 && !knownRegions.Contains(region);
            foreach (var t in newTopics) Count(topicRows, t);
            if (newRegion) Count(regionRows, region);
            if (newTopics.Count > 0 || newRegion) affected++;
        }
        return new UnknownValues(Sorted(topicRows), Sorted(regionRows), affected);
    }

    private static void Count(Dictionary<string, (string Spelling, int Rows)> counts, string value) =>
        counts[value] = counts.TryGetValue(value, out var seen) ? (seen.Spelling, seen.Rows + 1) : (value, 1);

    private static List<UnknownValue> Sorted(Dictionary<string, (string Spelling, int Rows)> counts) =>
        counts.Values.OrderByDescending(c => c.Rows).ThenBy(c => c.Spelling, StringComparer.OrdinalIgnoreCase)
            .Select(c => new UnknownValue(c.Spelling, c.Rows)).ToList();
}
