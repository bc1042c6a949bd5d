namespace MentoringFunctions.Core.Matching;

/// <summary>Mentor-to-mentee arcs handed to the solver, sorted by (mentee, mentor) so the solve is deterministic.</summary>
internal sealed class ArcSet
{
    public required int[] Mentee { get; init; }
    public required int[] Mentor { get; init; }
    public required long[] Cost { get; init; }

    public int Count => Mentee.Length;

    /// <summary>Merges per-mentee lists of (mentor, cost), dropping duplicates.</summary>
    public static ArcSet FromLists(IReadOnlyList<List<(int Mentor, long Cost)>> perMentee)
    {
        var total = perMentee.Sum(l => l.Count);
        var mentee = new List<int>(total);
        var mentor = new List<int>(total);
        var cost = new List<long>(total);
        for (var v = 0; v < perMentee.Count; v++)
        {
            var list = perMentee[v];
            list.Sort((a, b) => a.Mentor.CompareTo(b.Mentor));
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0 && list[i].Mentor == list[i - 1].Mentor) continue;
                mentee.Add(v);
                mentor.Add(list[i].Mentor);
                cost.Add(list[i].Cost);
            }
        }
        return new ArcSet { Mentee = mentee.ToArray(), Mentor = mentor.ToArray(), Cost = cost.ToArray() };
    }

    public List<(int Mentor, long Cost)>[] ToLists(int menteeCount)
    {
        var lists = Enumerable.Range(0, menteeCount).Select(_ => new List<(int, long)>()).ToArray();
        for (var a = 0; a < Count; a++) lists[Mentee[a]].Add((Mentor[a], Cost[a]));
        return lists;
    }
}

/// <summary>
/// The k cheapest (cost, id) seen so far. Many pairs tie on cost, and breaking ties by id would
/// hand every list the same low-id people, so ties go to a fixed hash of the pair instead: still
/// deterministic (ids, not input order, decide), but spread across the cohort.
/// </summary>
internal sealed class TopK(int k)
{
    private readonly long[] _cost = new long[k];
    private readonly ulong[] _tie = new ulong[k];
    private readonly int[] _id = new int[k];
    public int Count { get; private set; }
    /// <summary>The k-th cost so far (meaningful once Count == k).</summary>
    public long Worst => _cost[k - 1];

    /// <summary>Offers id at cost; the tie hash is of the pair (a, b) and only computed when the cost could make the list.</summary>
    public void Offer(long cost, int id, int a, int b)
    {
        if (k == 0 || (Count == k && cost > _cost[k - 1])) return;
        var tie = Tie(a, b);
        if (Count == k && !Better(cost, tie, id, _cost[k - 1], _tie[k - 1], _id[k - 1])) return;
        var i = Count < k ? Count++ : k - 1;
        while (i > 0 && Better(cost, tie, id, _cost[i - 1], _tie[i - 1], _id[i - 1]))
        {
            _cost[i] = _cost[i - 1];
            _tie[i] = _tie[i - 1];
            _id[i] = _id[i - 1];
            i--;
        }
        _cost[i] = cost;
        _tie[i] = tie;
        _id[i] = id;
    }

    public IEnumerable<(int Id, long Cost)> Items() => Enumerable.Range(0, Count).Select(i => (_id[i], _cost[i]));

    /// <summary>A well-mixed hash of a pair of app indices (cheap: it runs once per compatible pair in the scans).</summary>
    public static ulong Tie(int a, int b)
    {
        var x = ((ulong)(uint)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)b * 0xC2B2AE3D27D4EB4FUL);
        return x ^ (x >> 29);
    }

    private static bool Better(long c1, ulong t1, int id1, long c2, ulong t2, int id2) =>
        c1 < c2 || (c1 == c2 && (t1 < t2 || (t1 == t2 && id1 < id2)));
}
