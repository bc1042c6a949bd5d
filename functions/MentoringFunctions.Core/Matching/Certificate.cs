namespace MentoringFunctions.Core.Matching;

/// <summary>What the certificate found: pairs left out that could improve the result, and the bound on how much.</summary>
internal sealed record CertificateCheck(bool Proven, List<(int Mentor, long Cost)>[] Violations, long Gap, string Note, long Scanned = 0, long[]? Potential = null);

/// <summary>What the costs are when checking: the full objective, or only its levels (how many, pure first).</summary>
internal enum CostLevels { Full, CountsOnly }

/// <summary>
/// Proves a flow on a pruned arc set optimal for the full compatibility graph. Node potentials come
/// from the pruned residual graph (<see cref="Potentials"/>), with an extra sink-to-source arc of cost
/// -MatchValue so that "no augmenting path" and "no cheaper reassignment" become one condition:
/// no negative cycle. If every left-out compatible pair has non-negative reduced cost under those
/// potentials, no negative cycle exists in the full residual graph either, so the flow is a
/// maximum flow of minimum cost there too. Otherwise the violating pairs are returned (to add and
/// solve again) and the sum of their negative reduced costs bounds how far the flow can be off.
/// The scan goes bucket by bucket (<see cref="MentorBuckets"/>): a bucket's lower bound on cost
/// skips it, or ends its scan, for a mentee. Without fullGap (not the last round) a mentee's scan
/// also ends where no pair could make her kept list: the same pairs are kept, the gap is partial.
/// </summary>
internal static class Certificate
{
    public static CertificateCheck Check(Problem p, ArcSet arcs, Flow flow, int keepPerMentee, ParallelOptions parallel, CostLevels levels = CostLevels.Full, bool fullGap = true)
    {
        var countsOnly = levels == CostLevels.CountsOnly;
        var potential = Potentials.Compute(p, arcs, flow, countsOnly);
        if (potential is null)
            return new CertificateCheck(false, [], 0, "the residual graph had a negative cycle (the solver's flow was not optimal)");
        var d = potential;
        int MentorNode(int u) => 2 + u;
        int MenteeNode(int v) => 2 + p.MentorCount + v;

        var mentorD = new long[p.MentorCount];
        for (var u = 0; u < p.MentorCount; u++) mentorD[u] = d[MentorNode(u)];
        var buckets = new MentorBuckets(p, mentorD);
        var order = buckets.Order;
        var sortedD = order.Select(u => mentorD[u]).ToArray();
        var kernel = p.Kernel.Reordered(order);

        var violations = new List<(int, long)>[p.MenteeCount];
        var gaps = new long[p.MenteeCount];
        var scanned = new long[p.MenteeCount];
        Parallel.For(0, p.MenteeCount, parallel, v =>
        {
            var dv = d[MenteeNode(v)];
            var level = p.MinCost(v);
            var worst = new TopK(keepPerMentee);
            var found = new List<(int, long)>();
            long gap = 0, count = 0;
            for (var b = 0; b < buckets.Count; b++)
            {
                // A pair can only violate if d(u) < d(v) - cost, and no mentor of the bucket costs less than `least`.
                var fitCost = buckets.LeastFitCost(b, v);
                if (fitCost < 0) continue;
                var threshold = dv - level - (countsOnly ? 0 : fitCost);
                for (var i = buckets.Start[b]; i < buckets.Start[b + 1] && sortedD[i] < threshold; i++)
                {
                    // Without the full gap, once the list is full only a pair at least as bad as its
                    // best-kept can still join: stop where not even the bucket's bound gets there.
                    if (!fullGap && worst.Count == keepPerMentee && keepPerMentee > 0 && sortedD[i] > threshold + worst.Worst) break;
                    count++;
                    var u = order[i];
                    if (u == flow.MentorOf[v]) continue; // carries flow: it has no forward residual arc
                    var c = kernel.Cost(i, v);
                    if (c < 0) continue;
                    if (countsOnly) c = level;
                    var reduced = c + sortedD[i] - dv;
                    if (reduced >= 0) continue;
                    gap += -reduced;
                    worst.Offer(reduced, u, p.MentorApp[u], p.MenteeApp[v]);
                    found.Add((u, c));
                }
            }
            var keep = worst.Items().Select(x => x.Id).ToHashSet();
            violations[v] = found.Where(x => keep.Contains(x.Item1)).ToList();
            gaps[v] = gap;
            scanned[v] = count;
        });
        var total = gaps.Aggregate(0L, (a, b) => a > long.MaxValue - b ? long.MaxValue : a + b);
        var proven = total == 0;
        return new CertificateCheck(proven, violations, total,
            proven ? "every compatible pair left out of the solve has non-negative reduced cost" : "", scanned.Sum(), d);
    }
}
