using System.Diagnostics;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Benchmarks;

/// <summary>Times the engine's phases separately (bench &lt;size&gt; --phases), to see where a size spends its time.</summary>
internal static class Phases
{
    public static void Run(IReadOnlyList<Application> apps, MatchSettings settings)
    {
        var clock = Stopwatch.StartNew();
        void Lap(string what) { Console.Error.WriteLine($"{what}: {clock.ElapsedMilliseconds} ms"); clock.Restart(); }
        var pool = Pool.Build(apps, settings);
        var compat = new Compatibility(pool, settings.Rules, new PairSet(pool.Count), new PairSet(pool.Count));
        var fit = new Fit(settings.Weights, settings.IdealGap, pool.SeekCount.DefaultIfEmpty(0).Max());
        var p = Problem.Create(compat, fit, pool.Mentors, pool.Mentors.Select(m => pool.Capacity[m]).ToArray(), pool.Mentees, settings.BothPriority);
        Lap("pool");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var arcs = Candidates.Pruned(p, settings.Engine.CandidatesPerMentee, settings.Engine.CandidateWindow, parallel);
        Lap($"candidates ({arcs.Count} arcs)");
        for (var round = 1; round <= 20; round++)
        {
            var flow = FlowSolver.Solve(p, arcs);
            Lap($"round {round} solve: {flow.MentorOf.Count(x => x >= 0)} matched, {flow.MentorOf.Where((x, v) => x >= 0 && p.MenteeIsBoth[v]).Count()} both, cost {flow.Cost}");
            var check = Certificate.Check(p, arcs, flow, 4 * settings.Engine.CandidatesPerMentee, parallel);
            Lap($"round {round} certificate ({check.Violations.Sum(v => v.Count)} violations, gap {check.Gap}, {check.Scanned} pairs scanned)");
            if (check.Proven) break;
            var counts = Certificate.Check(p, arcs, flow, 1, parallel, CostLevels.CountsOnly);
            Lap($"round {round} counts certificate: proven {counts.Proven}");
            var lists = arcs.ToLists(p.MenteeCount);
            for (var v = 0; v < p.MenteeCount; v++) lists[v].AddRange(check.Violations[v]);
            arcs = ArcSet.FromLists(lists);
        }
        var mentorOf = new int[pool.Count];
        Lap("done");
    }
}
