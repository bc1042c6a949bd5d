using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Matching;

/// <summary>
/// The review form's boxes. A pair both locked and excluded cannot be honoured (the run would fail later, and the
/// ticks would be lost), so the page refuses it at once, naming the pair, and shows the boxes as they were ticked.
/// </summary>
public static class MatchRunTicks
{
    public static IReadOnlyList<string> Contradictions(IReadOnlyList<PairRef> locks, IReadOnlyList<PairRef> excludes,
        MatchRun run, MatchRunResult? result)
    {
        var people = result?.ById() ?? new Dictionary<string, ApplicantSnapshot>();
        var excluded = excludes.Select(Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return locks.Where(l => excluded.Contains(Key(l))).Select(Key).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(key => key.Split('|'))
            .Select(p => $"{PeopleNames.Name(p[0], people)} and {PeopleNames.Name(p[1], people)} are ticked both Lock and " +
                $"Exclude in run {run.Id}: untick one of the two boxes.")
            .ToList();
    }

    public static (IReadOnlySet<string>, IReadOnlySet<string>) Of(IReadOnlyList<PairRef> locks, IReadOnlyList<PairRef> excludes) =>
        (locks.Select(Key).ToHashSet(StringComparer.OrdinalIgnoreCase), excludes.Select(Key).ToHashSet(StringComparer.OrdinalIgnoreCase));

    private static string Key(PairRef pair) => $"{pair.Mentor}|{pair.Mentee}";
}
