namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Which arcs the solver sees. Every compatible pair when the cohort is small; otherwise each
/// mentee's k best mentors plus each mentor's k x places best mentees (mentee-only lists let
/// popular mentors absorb everyone's list). Pruning is safe because the certificate checks
/// every pair left out.
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

    public static ArcSet Pruned(Problem p, int k, ParallelOptions parallel)
    {
        var pool = p.Pool;
        // Scan only the mentors senior enough, when the experience rule is on: sort by years.
        var mentorsBySeniority = Enumerable.Range(0, p.MentorCount).Where(u => p.Places[u] > 0)
            .OrderByDescending(u => pool.Years[p.MentorApp[u]]).ThenBy(u => u).ToArray();
        var menteesByJuniority = Enumerable.Range(0, p.MenteeCount)
            .OrderBy(v => pool.Years[p.MenteeApp[v]]).ThenBy(v => v).ToArray();
        var minGap = p.Compat.RequiredGap;

        var lists = new List<(int, long)>[p.MenteeCount];
        Parallel.For(0, p.MenteeCount, parallel, v =>
        {
            var best = new TopK(k);
            var need = minGap is { } g ? pool.Years[p.MenteeApp[v]] + g : int.MinValue;
            foreach (var u in mentorsBySeniority)
            {
                if (pool.Years[p.MentorApp[u]] < need) break;
                if (p.Cost(u, v) is var c and >= 0) best.Offer(c, u);
            }
            lists[v] = best.Items().Select(x => (x.Id, x.Cost)).ToList();
        });

        var byMentor = new (int Id, long Cost)[p.MentorCount][];
        Parallel.For(0, p.MentorCount, parallel, u =>
        {
            if (p.Places[u] == 0) { byMentor[u] = []; return; }
            var best = new TopK(k * p.Places[u]);
            var limit = minGap is { } g ? pool.Years[p.MentorApp[u]] - g : int.MaxValue;
            foreach (var v in menteesByJuniority)
            {
                if (pool.Years[p.MenteeApp[v]] > limit) break;
                if (p.Cost(u, v) is var c and >= 0) best.Offer(c, v);
            }
            byMentor[u] = best.Items().ToArray();
        });
        for (var u = 0; u < p.MentorCount; u++)
            foreach (var (v, c) in byMentor[u]) lists[v].Add((u, c));
        return ArcSet.FromLists(lists);
    }
}
