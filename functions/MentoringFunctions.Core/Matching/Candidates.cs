namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Which arcs the solver sees. Every compatible pair when the cohort is small. Otherwise each
/// mentee's k best mentors plus k more picked by a fixed hash (variety, so the first solve can
/// already match nearly everyone), and each mentor's k x places best mentees (mentee-only lists
/// let popular mentors absorb everyone's list). In large cohorts each list is drawn from a window
/// of the other side, in a fixed pseudo-random order. None of this affects exactness: the
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
        var mentors = Shuffled(Enumerable.Range(0, p.MentorCount).Where(u => p.Places[u] > 0), p.MentorApp);
        var mentees = Shuffled(Enumerable.Range(0, p.MenteeCount), p.MenteeApp);
        var lists = new List<(int, long)>[p.MenteeCount];
        Parallel.For(0, p.MenteeCount, parallel, v =>
        {
            var best = new TopK(k);
            var variety = new TopK(k);
            var e = p.MenteeApp[v];
            foreach (var u in Window(mentors, v, window))
            {
                var c = p.Cost(u, v);
                if (c < 0) continue;
                best.Offer(c, u, p.MentorApp[u], e);
                variety.Offer(0, u, p.MentorApp[u], e);
            }
            lists[v] = best.Items().Concat(variety.Items().Select(x => (x.Id, p.Cost(x.Id, v)))).ToList();
        });

        var byMentor = new (int Id, long Cost)[p.MentorCount][];
        Parallel.For(0, p.MentorCount, parallel, u =>
        {
            if (p.Places[u] == 0) { byMentor[u] = []; return; }
            var best = new TopK(k * p.Places[u]);
            foreach (var v in Window(mentees, u, window))
                if (p.Cost(u, v) is var c and >= 0) best.Offer(c, v, p.MentorApp[u], p.MenteeApp[v]);
            byMentor[u] = best.Items().ToArray();
        });
        for (var u = 0; u < p.MentorCount; u++)
            foreach (var (v, c) in byMentor[u]) lists[v].Add((u, c));
        return ArcSet.FromLists(lists);
    }

    // A fixed order that depends on ids only (apps are sorted by id), not on input order.
    private static int[] Shuffled(IEnumerable<int> slots, int[] app) =>
        slots.OrderBy(s => TopK.Tie(app[s], -1)).ThenBy(s => s).ToArray();

    // All of `order` when it fits the window; otherwise `window` entries from a start that depends on `who`.
    private static IEnumerable<int> Window(int[] order, int who, int window)
    {
        if (order.Length <= window) return order;
        var start = (int)(TopK.Tie(who, order.Length) % (ulong)order.Length);
        return order.Skip(start).Take(window).Concat(order.Take(Math.Max(0, start + window - order.Length)));
    }
}
