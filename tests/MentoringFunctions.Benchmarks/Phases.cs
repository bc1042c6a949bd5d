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
        Optimiser.Solve(p, settings.Engine with { MaxDegreeOfParallelism = Environment.ProcessorCount }, what => Lap(what));
        var mentorOf = new int[pool.Count];
        Lap("done");
    }
}
