using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>
/// The auction against OR-Tools' min-cost max-flow on the same arcs: the same number matched and
/// the same cost, cold and warm (a second call on more arcs, as the certificate's rounds make).
/// Every solve counts: it either equals OR-Tools or is counted as given up.
/// </summary>
public class AuctionTests
{
    private const int Cohorts = 30;

    // The share of solves that may give up (and go to OR-Tools) before the test fails. Measured:
    // 0 of the 60 solves here and 0 of 2,000 on seeds 1-1,000, where before the price-war restart
    // 39 of these 60 gave up. 1 in 20 leaves room to tune the bid budgets without hiding a return
    // to that: an auction that gave up on 4 of these 60 would already fail.
    private const double MaxGivenUpShare = 0.05;

    [Fact]
    public void Cold_and_warm_solves_equal_the_min_cost_max_flow_and_rarely_give_up()
    {
        var givenUp = new List<string>();
        int solves = 0, restarts = 0;
        for (var seed = 1; seed <= Cohorts; seed++)
        {
            var rng = new Random(seed);
            var apps = RandomCohorts.Cohort(rng, rng.Next(20, 300));
            var settings = RandomCohorts.Settings(rng, apps) with { Locks = [] };
            var p = Build(apps, settings);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = 1 };
            var all = Candidates.All(p, parallel);
            var some = Candidates.Pruned(p, 1, 8, parallel);
            var auction = new Auction(p);
            foreach (var (arcs, which) in new[] { (some, "pruned"), (all, "all") })
            {
                solves++;
                if (auction.Solve(arcs) is { } flow)
                    AssertEqualsOrTools(p, arcs, flow, $"seed {seed}, {which} arcs");
                else
                {
                    // As in the optimiser, OR-Tools would take over; the next solve starts afresh.
                    givenUp.Add($"seed {seed} ({which} arcs)");
                    restarts += auction.Restarts;
                    auction = new Auction(p);
                }
            }
            restarts += auction.Restarts;
        }
        Assert.Equal(2 * Cohorts, solves);
        var share = $"gave up on {givenUp.Count} of {solves} solves (at most {MaxGivenUpShare:P0})";
        Assert.True(givenUp.Count <= MaxGivenUpShare * solves, $"{share}: {string.Join(", ", givenUp)}");
        // These tight cohorts are where price wars happen: the restart must be what the test holds.
        Assert.True(restarts > 0, "no solve needed the price-war restart");
    }

    [Fact]
    public void A_mentor_sought_by_two_goes_to_the_better_fit_and_the_other_stays_unmatched()
    {
        var apps = new[]
        {
            People.Make("m", Role.Mentor, 20, "A", "Wales", MeetingPreference.Either, "finance;policy", "", 1, ""),
            People.Make("e1", Role.Mentee, 5, "B", "Wales", MeetingPreference.Either, "", "finance", 0, ""),
            People.Make("e2", Role.Mentee, 12, "B", "Wales", MeetingPreference.Either, "", "finance;legal", 0, ""),
        };
        var p = Build(apps, MatchSettings.Default);
        var flow = new Auction(p).Solve(Candidates.All(p, new ParallelOptions()))!;
        Assert.Equal([0, -1], flow.MentorOf); // e1: 60 topic points, 28 for experience; e2 scores less
    }

    private static Problem Build(IReadOnlyList<Application> apps, MatchSettings settings)
    {
        var pool = Pool.Build(apps, settings);
        var compat = new Compatibility(pool, settings.Rules, new PairSet(pool.Count), new PairSet(pool.Count));
        var fit = new Fit(settings.Weights, settings.IdealGap, pool.SeekCount.DefaultIfEmpty(0).Max());
        return Problem.Create(compat, fit, pool.Mentors, pool.Mentors.Select(m => pool.Capacity[m]).ToArray(), pool.Mentees, settings.BothPriority);
    }

    private static void AssertEqualsOrTools(Problem p, ArcSet arcs, Flow flow, string label)
    {
        var exact = FlowSolver.Solve(p, arcs);
        Assert.True(exact.Optimal, label);
        Assert.True(exact.MentorOf.Count(u => u >= 0) == flow.MentorOf.Count(u => u >= 0), $"{label}: matched count");
        Assert.True(exact.Cost == flow.Cost, $"{label}: cost {flow.Cost}, OR-Tools {exact.Cost}");
        AssertFeasible(p, arcs, flow);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        Assert.NotNull(Certificate.Check(p, arcs, flow, 1, parallel).Potential);
    }

    private static void AssertFeasible(Problem p, ArcSet arcs, Flow flow)
    {
        var load = new int[p.MentorCount];
        for (var a = 0; a < arcs.Count; a++)
        {
            if (!flow.ArcUsed[a]) continue;
            Assert.Equal(arcs.Mentor[a], flow.MentorOf[arcs.Mentee[a]]);
            Assert.True(++load[arcs.Mentor[a]] <= p.Places[arcs.Mentor[a]]);
        }
    }
}
