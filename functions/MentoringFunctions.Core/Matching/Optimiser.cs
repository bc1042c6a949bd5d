namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The answer for a problem: each mentee slot's mentor slot (or -1), and how it was proven.
/// CountsProven: how many are matched (pure mentees first) is proven even when the fit is not; Gap is then in fit points.
/// </summary>
internal sealed record Solution(int[] MentorOf, bool Proven, bool CountsProven, string Method, long CandidatePairs, int Rounds, long Gap, string Note);

/// <summary>
/// Solves exactly on every compatible pair when the cohort is small; otherwise on a pruned arc set,
/// certifies the result against all pairs, and adds whatever the certificate rejects until it passes.
/// </summary>
internal static class Optimiser
{
    /// <summary>trace, if given, hears each phase as it ends (the bench's --phases).</summary>
    public static Solution Solve(Problem p, EngineSettings engine, Action<string>? trace = null)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = engine.MaxDegreeOfParallelism };
        if ((long)p.MentorCount * p.MenteeCount <= engine.FullGraphPairLimit)
        {
            var all = Candidates.All(p, parallel);
            var flow = FlowSolver.Solve(p, all);
            return new Solution(flow.MentorOf, flow.Optimal, flow.Optimal, "min-cost max-flow on every compatible pair", all.Count, 1, 0,
                flow.Optimal ? "exact: the solver saw every pair the rules allow" : $"solver status {flow.Status}");
        }

        var k = engine.CandidatesPerMentee;
        var arcs = Candidates.Pruned(p, k, engine.CandidateWindow, parallel);
        trace?.Invoke($"candidates ({arcs.Count} arcs)");
        // The auction re-solves from its own prices after each round; OR-Tools solves from scratch,
        // and takes over if an auction result ever fails the certificate's check of its own arcs.
        Auction? auction = new(p);
        var byOrTools = false; // whether `last` came from OR-Tools, so re-solving it there would change nothing
        Flow Solve(ArcSet set)
        {
            if (auction?.Solve(set) is { } flow) { byOrTools = false; return flow; }
            (auction, byOrTools) = (null, true);
            return FlowSolver.Solve(p, set);
        }
        if (engine.MaxCertificationRounds == 0)
        {
            // Asked for speed over proof: one solve; the matcher adds the cheap bounds.
            var once = Solve(arcs);
            return new Solution(once.MentorOf, false, false, "pruned min-cost max-flow, not certified", arcs.Count, 0, -1,
                "certification was switched off (engine.maxCertificationRounds: 0)");
        }
        Flow? last = null;
        var solve = true;
        for (var round = 1; round <= engine.MaxCertificationRounds; round++)
        {
            if (solve)
            {
                last = Solve(arcs);
                var bids = auction is null ? "" : $", {auction.Bids} bids, {auction.Restarts} restarts so far";
                trace?.Invoke($"round {round} solve ({arcs.Count} arcs): cost {last.Cost}{bids}");
            }
            if (!last!.Optimal)
                return new Solution(last.MentorOf, false, false, "pruned min-cost max-flow", arcs.Count, round, 0, $"solver status {last.Status}");
            var check = Certificate.Check(p, arcs, last, 4 * k, parallel, fullGap: round == engine.MaxCertificationRounds);
            trace?.Invoke($"round {round} certificate: {check.Violations.Sum(l => l.Count)} rejected, gap {check.Gap}, {check.Scanned} pairs scanned");
            if (check.Potential is null && !byOrTools)
            {
                // The auction's or the repair's flow is not optimal even on its own arcs (not expected):
                // OR-Tools solves them, and every later round.
                (last, solve, auction, byOrTools) = (FlowSolver.Solve(p, arcs), true, null, true);
                trace?.Invoke($"round {round} OR-Tools solve ({arcs.Count} arcs): cost {last.Cost}");
                check = Certificate.Check(p, arcs, last, 4 * k, parallel, fullGap: round == engine.MaxCertificationRounds);
            }
            if (check.Proven)
                return new Solution(last.MentorOf, true, true, "pruned min-cost max-flow, certified over every compatible pair",
                    arcs.Count, round, 0, $"exact: {check.Note}");
            if (round == engine.MaxCertificationRounds || check.Violations.Length == 0 || check.Violations.All(l => l.Count == 0))
                return Unproven(p, arcs, last, check, round, parallel);
            // A few rejected pairs (the last rounds): try to take them in by local search before
            // paying for another full solve; only a complete repair replaces the solve.
            if (check.Violations.Sum(l => l.Count) <= Math.Max(100, arcs.Count / ArcsPerRepairedPair) && check.Potential is not null &&
                Repair.Run(p, arcs, last, check.Potential, check.Violations, RepairBudget) is { } repaired)
            {
                trace?.Invoke($"round {round} repair: {repaired.Cycles} improving cycles, cost {repaired.Flow.Cost}");
                // The repair moved places behind the auction's back: a later solve starts it afresh.
                (arcs, last, solve, byOrTools) = (repaired.Arcs, repaired.Flow, false, false);
                if (auction is not null) auction = new Auction(p);
                continue;
            }
            trace?.Invoke($"round {round} no repair");
            arcs = NextArcs(p, arcs, check);
            solve = true;
        }
        return new Solution(last!.MentorOf, false, false, "pruned min-cost max-flow, not certified", arcs.Count, engine.MaxCertificationRounds, 0, "");
    }

    // Local repair is tried when it should beat a full solve: measured, a rejected pair costs about
    // as much to repair as 200 arcs cost to solve (1-2 ms against 5-12 us). All its searches
    // together settle at most RepairBudget nodes.
    private const int ArcsPerRepairedPair = 200;
    private const long RepairBudget = 20_000_000;

    // The next round's arcs: this round's, plus the pairs the certificate rejected.
    private static ArcSet NextArcs(Problem p, ArcSet arcs, CertificateCheck check)
    {
        var lists = arcs.ToLists(p.MenteeCount);
        for (var v = 0; v < p.MenteeCount; v++) lists[v].AddRange(check.Violations[v]);
        return ArcSet.FromLists(lists);
    }

    // Out of rounds: the fit is not proven, but the counts may be - check them on their own.
    private static Solution Unproven(Problem p, ArcSet arcs, Flow flow, CertificateCheck check, int round, ParallelOptions parallel)
    {
        var counts = Certificate.Check(p, arcs, flow, 1, parallel, CostLevels.CountsOnly);
        var left = $"the certificate still rejected left-out pairs for {check.Violations.Count(l => l.Count > 0)} mentees after {round} round(s)";
        return new Solution(flow.MentorOf, false, counts.Proven, "pruned min-cost max-flow, not certified", arcs.Count, round, check.Gap,
            check.Note.Length > 0 ? check.Note : left);
    }
}
