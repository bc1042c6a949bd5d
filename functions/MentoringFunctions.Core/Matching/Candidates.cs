namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Which arcs the solver sees. Every compatible pair when the cohort is small. Otherwise each
/// mentee's k best mentors plus k more picked by a fixed hash (variety, so the first solve can
/// already match nearly everyone), and each mentor's k x places best mentees (mentee-only lists
/// let popular mentors absorb everyone's list). In large cohorts each list is drawn from a window
/// of the other side. None of this affects exactness: the
/// certificate checks every pair left out, and adds what it needs.
/// </summary>
internal static class Candidates
{
    public static ArcSet All(Problem p, ParallelOptions parallel)
    {
        var lists = new List<(int, long)>[p.MenteeCount];
        Parallel.For(0, p.MenteeCount, parallel, v =>
        {
            var list = new List<(int, long)>();
            for (var u = 0; u < p.MentorCount; u++)
                if (p.Places[u] > 0 && p.Cost(u, v) is var c and >= 0) list.Add((u, c));
            lists[v] = list;
        });
        return ArcSet.FromLists(lists);
    }

    public static ArcSet Pruned(Problem p, int k, int window, ParallelOptions parallel)
    {
        var lists = new List<(int, long)>[p.MenteeCount];
        Parallel.For(0, p.MenteeCount, parallel, v =>
        {
            var best = new TopK(k);
            var e = p.MenteeApp[v];
            var (start, count) = Window(p.MentorCount, v, window);
            for (int i = 0, u = start; i < count; i++, u = u + 1 == p.MentorCount ? 0 : u + 1)
            {
                if (p.Places[u] == 0) continue;
                var c = p.Cost(u, v);
                if (c < 0) continue;
                best.Offer(c, u, p.MentorApp[u], e);
            }
            var list = best.Items().ToList();
            // Variety: from k hashed starting points, the next compatible mentor not already listed.
            for (var j = 0; j < k; j++)
            {
                var from = (int)(TopK.Tie(e, j) % (ulong)p.MentorCount);
                for (var probe = 0; probe < 64; probe++)
                {
                    var u = (from + probe) % p.MentorCount;
                    if (p.Places[u] == 0 || list.Exists(x => x.Id == u)) continue;
                    var c = p.Cost(u, v);
                    if (c < 0) continue;
                    list.Add((u, c));
                    break;
                }
            }
            lists[v] = list;
        });

        var byMentor = new (int Id, long Cost)[p.MentorCount][];
        Parallel.For(0, p.MentorCount, parallel, u =>
        {
            if (p.Places[u] == 0) { byMentor[u] = []; return; }
            var best = new TopK(k * p.Places[u]);
            var (start, count) = Window(p.MenteeCount, u, window);
            for (int i = 0, v = start; i < count; i++, v = v + 1 == p.MenteeCount ? 0 : v + 1)
            {
                if (p.Cost(u, v) is var c and >= 0) best.Offer(c, v, p.MentorApp[u], p.MenteeApp[v]);
            }
            byMentor[u] = best.Items().ToArray();
        });
        for (var u = 0; u < p.MentorCount; u++)
            foreach (var (v, c) in byMentor[u]) lists[v].Add((u, c));
        return ArcSet.FromLists(lists);
    }

    // Everyone when they fit the window; otherwise a contiguous run (slots are in id order, which
    // is unrelated to fit, so a run is as good as a sample and much kinder to the cache) from a
    // start that depends on `who`.
    private static (int Start, int Count) Window(int length, int who, int window) =>
        length <= window ? (0, length) : ((int)(TopK.Tie(who, length) % (ulong)length), window);
}
