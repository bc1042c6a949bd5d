using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Matching;

public sealed record PairRow(string Key, string MentorId, string MentorName, string MentorOrganisation, int MentorYears, string MentorRegion,
    string MenteeId, string MenteeName, string MenteeOrganisation, int MenteeYears, string MenteeRegion, string Band,
    int Score, string Reasons, bool Locked, IReadOnlyList<string> Topics, bool ExcludeTicked = false);

public sealed record UnmatchedRow(string Id, string Name, string Band, bool IsBoth, string Reason);

public sealed record BothRow(string Id, string Name, string Summary);

/// <summary>A sort of the review page, with the words its menu shows.</summary>
public sealed record SortChoice(string Value, string Label);

/// <summary>The review page's cross-filters and sort, from the query string (so it all works without JavaScript).</summary>
public sealed record PairFilter(string? Region, string? Band, string? Topic, string? Organisation, int? MinScore, string Sort)
{
    public static readonly IReadOnlyList<string> Bands = ["0-4", "5-9", "10-14", "15-19", "20+"];

    public static readonly IReadOnlyList<SortChoice> Sorts =
    [
        new("score", "Best fit first"), new("score-asc", "Weakest fit first"), new("mentor", "Mentor's name, A to Z"),
        new("mentee", "Mentee's name, A to Z"), new("gap", "Widest experience gap first"),
    ];

    public static PairFilter From(IQueryCollection q)
    {
        string? S(string k) => q.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;
        return new(S("region"), S("band"), S("topic"), S("organisation"), int.TryParse(S("minScore"), out var n) ? n : null, S("sort") ?? "score");
    }

    public static string BandOf(int years) => years switch { < 5 => "0-4", < 10 => "5-9", < 15 => "10-14", < 20 => "15-19", _ => "20+" };

    public IEnumerable<PairRow> Apply(IEnumerable<PairRow> rows)
    {
        var kept = rows.Where(r =>
            (Region is null || r.MentorRegion.Equals(Region, StringComparison.OrdinalIgnoreCase) || r.MenteeRegion.Equals(Region, StringComparison.OrdinalIgnoreCase)) &&
            (Band is null || r.Band == Band) &&
            (Topic is null || r.Topics.Contains(Topic, StringComparer.OrdinalIgnoreCase)) &&
            (Organisation is null || r.MentorOrganisation.Contains(Organisation, StringComparison.OrdinalIgnoreCase) || r.MenteeOrganisation.Contains(Organisation, StringComparison.OrdinalIgnoreCase)) &&
            (MinScore is null || r.Score >= MinScore));
        return Sort switch
        {
            "mentor" => kept.OrderBy(r => r.MentorName, StringComparer.OrdinalIgnoreCase),
            "mentee" => kept.OrderBy(r => r.MenteeName, StringComparer.OrdinalIgnoreCase),
            "gap" => kept.OrderByDescending(r => r.MentorYears - r.MenteeYears),
            "score-asc" => kept.OrderBy(r => r.Score),
            _ => kept.OrderByDescending(r => r.Score).ThenBy(r => r.Key, StringComparer.Ordinal),
        };
    }
}

public sealed record MatchRunPage(string Title, MatchRun Run, string CohortName, bool Refresh, IReadOnlyList<PairRow> Pairs, int TotalPairs,
    IReadOnlyList<UnmatchedRow> Unmatched, IReadOnlyList<BothRow> Both, SupplyDemand? Summary, PairFilter Filter,
    IReadOnlyList<string> Regions, IReadOnlyList<string> Topics, IReadOnlyList<string> Bands, IReadOnlyList<MatchRun> OtherRuns,
    IReadOnlyList<string> Notices, IReadOnlyList<NamedPair> Excluded, IReadOnlyList<string> Errors, bool Wide = true)
{
    public IReadOnlyList<SortChoice> Sorts => PairFilter.Sorts;

    /// <summary>Published pairs are no longer proposals: the page shows them without the boxes that change a run.</summary>
    public bool Published => Run.Status == RunStatus.Published;

    /// <param name="ticks">The boxes as posted, when the page comes back refusing them, so no tick is lost.</param>
    public static MatchRunPage Build(MatchRun run, string cohortName, MatchRunResult? result, MatchSettings settings, PairFilter filter,
        IReadOnlyList<MatchRun> others, IReadOnlyList<string> notices, IReadOnlyList<string>? errors = null,
        (IReadOnlySet<string> Locks, IReadOnlySet<string> Excludes)? ticks = null)
    {
        var people = result?.ById() ?? new Dictionary<string, ApplicantSnapshot>();
        var locks = settings.Locks.Select(l => $"{l.Mentor}|{l.Mentee}").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rows = (result?.Pairs ?? []).Select(p =>
        {
            var (m, e) = (people[p.MentorId], people[p.MenteeId]);
            var key = $"{p.MentorId}|{p.MenteeId}";
            return new PairRow(key, m.Id, m.Name, m.Organisation, m.YearsInSector, m.Region, e.Id, e.Name, e.Organisation,
                e.YearsInSector, e.Region, PairFilter.BandOf(e.YearsInSector), p.Score, p.Reasons,
                ticks is { } t ? t.Locks.Contains(key) : p.Locked || locks.Contains(key),
                // The topics the pair shares, not all the mentee seeks: the topic filter shows pairs matched on it.
                p.Parts.SharedTopics, ticks?.Excludes.Contains(key) ?? false);
        }).ToList();
        var unmatched = (result?.Unmatched ?? []).Select(u => new UnmatchedRow(u.MenteeId, PeopleNames.Name(u.MenteeId, people),
            people.TryGetValue(u.MenteeId, out var b) ? PairFilter.BandOf(b.YearsInSector) : "", u.IsBoth,
            PeopleNames.InReason(u.Reason, people))).ToList();
        var applicants = result?.Applicants ?? [];
        return new MatchRunPage($"Match run {run.Id}", run, cohortName, run.Status is RunStatus.Queued or RunStatus.Running,
            filter.Apply(rows).ToList(), rows.Count, unmatched,
            (result?.Both ?? []).Select(x => new BothRow(x.Id, PeopleNames.Name(x.Id, people), PeopleNames.InBoth(x, people))).ToList(),
            result?.Summary, filter,
            applicants.Select(a => a.Region).Distinct().Order().ToList(), applicants.SelectMany(a => a.Seeks).Distinct().Order().ToList(),
            PairFilter.Bands, others.Where(o => o.Id != run.Id && o.ResultBytes > 0).ToList(), notices,
            settings.Excludes.Select(x => NamedPair.Of(x.Mentor, x.Mentee, people)).ToList(), errors ?? []);
    }
}
