using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Benchmarks;

/// <summary>
/// The baseline the engine replaces: first come, first served. Mentees in application order each
/// take the best-fitting compatible mentor who still has a place. Same rules, same fit formula.
/// </summary>
internal static class Greedy
{
    public static (int Matched, long Fit) Run(IReadOnlyList<Application> applications, MatchSettings settings)
    {
        var pool = Pool.Build(applications, settings);
        var compat = new Compatibility(pool, settings.Rules, new PairSet(pool.Count), new PairSet(pool.Count));
        var fit = new Fit(settings.Weights, settings.IdealGap, pool.SeekCount.DefaultIfEmpty(0).Max());
        var problem = Problem.Create(compat, fit, pool.Mentors, pool.Mentors.Select(m => pool.Capacity[m]).ToArray(), pool.Mentees, BothPriority.Equal);
        var places = (int[])problem.Places.Clone();
        int matched = 0;
        long total = 0;
        for (var v = 0; v < problem.MenteeCount; v++)
        {
            int best = -1, bestScore = -1;
            for (var u = 0; u < problem.MentorCount; u++)
            {
                if (places[u] == 0 || !compat.Compatible(problem.MentorApp[u], problem.MenteeApp[v])) continue;
                var score = problem.Score(problem.MentorApp[u], problem.MenteeApp[v]);
                if (score > bestScore) (best, bestScore) = (u, score);
            }
            if (best < 0) continue;
            places[best]--;
            matched++;
            total += bestScore;
        }
        return (matched, total);
    }
}
