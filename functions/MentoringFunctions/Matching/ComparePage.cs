namespace MentoringFunctions.Matching;

/// <summary>Two runs compared, with the pairs that differ named as people (the API's comparison keeps ids).</summary>
public sealed record ComparePage(string Title, RunComparison Comparison, IReadOnlyList<NamedPair> OnlyInRun,
    IReadOnlyList<NamedPair> OnlyInOther)
{
    public static async Task<ComparePage> BuildAsync(RunComparison comparison, MatchRunStore runs, CancellationToken ct)
    {
        var people = new Dictionary<string, ApplicantSnapshot>(StringComparer.Ordinal);
        foreach (var id in new[] { comparison.Run, comparison.Other })
            if (await runs.GetAsync(id, ct) is { } run && await runs.ReadResultAsync(run, ct) is { } result)
                foreach (var (key, person) in result.ById()) people.TryAdd(key, person);
        IReadOnlyList<NamedPair> Named(IEnumerable<string> pairs) => pairs.Select(p => p.Split(" → "))
            .Select(p => NamedPair.Of(p[0], p[^1], people))
            .OrderBy(p => p.MentorName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.MenteeName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new ComparePage("Compare runs", comparison, Named(comparison.OnlyInRun), Named(comparison.OnlyInOther));
    }
}
