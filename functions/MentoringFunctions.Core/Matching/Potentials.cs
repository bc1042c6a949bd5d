namespace MentoringFunctions.Core.Matching;

/// <summary>Node potentials for the residual graph of a flow: every residual arc gets a non-negative reduced cost (Bellman-Ford with a FIFO queue).</summary>
internal static class Potentials
{
    /// <summary>Feasible potentials (see FromSource); null if the residual graph has a negative cycle.</summary>
    public static long[]? Compute(Problem p, ArcSet arcs, Flow flow, bool countsOnly)
    {
        const int source = 0, sink = 1;
        var nodes = 2 + p.MentorCount + p.MenteeCount;
        var from = new List<int>(); var to = new List<int>(); var cost = new List<long>();
        void Arc(int a, int b, long c) { from.Add(a); to.Add(b); cost.Add(c); }

        var load = new int[p.MentorCount];
        for (var a = 0; a < arcs.Count; a++)
        {
            int u = 2 + arcs.Mentor[a], v = 2 + p.MentorCount + arcs.Mentee[a];
            var c = countsOnly ? p.MinCost(arcs.Mentee[a]) : arcs.Cost[a];
            if (flow.ArcUsed[a]) { Arc(v, u, -c); load[arcs.Mentor[a]]++; }
            else Arc(u, v, c);
        }
        for (var u = 0; u < p.MentorCount; u++)
        {
            if (load[u] < p.Places[u]) Arc(source, 2 + u, 0);
            if (load[u] > 0) Arc(2 + u, source, 0);
        }
        for (var v = 0; v < p.MenteeCount; v++)
            if (flow.MentorOf[v] < 0) Arc(2 + p.MentorCount + v, sink, 0);
            else Arc(sink, 2 + p.MentorCount + v, 0);
        Arc(sink, source, -p.MatchValue);

        // Compressed adjacency (CSR) keeps this to a few arrays even at millions of arcs.
        var start = new int[nodes + 1];
        foreach (var a in from) start[a + 1]++;
        for (var i = 0; i < nodes; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var head = new int[from.Count]; var weight = new long[from.Count];
        for (var i = 0; i < from.Count; i++) { var slot = fill[from[i]]++; head[slot] = to[i]; weight[slot] = cost[i]; }

        return FromSource(nodes, from, to, cost, start, head, weight);
    }

    /// <summary>
    /// Distances from the source for the nodes it reaches; every other node x gets the least
    /// potential that keeps its arcs non-negative, -(shortest way out of x), where leaving into a
    /// reached node y costs -d(y) and stopping anywhere costs 0. Mentees then sit near the cost of
    /// their own mentor rather than at 0, which rejects far fewer left-out pairs than distances from
    /// a root joined to everyone (that puts mentors with free places at -MatchValue, below every
    /// mentee the source does not reach).
    /// </summary>
    private static long[]? FromSource(int nodes, List<int> from, List<int> to, List<long> cost, int[] start, int[] head, long[] weight)
    {
        const int source = 0;
        var d = new long[nodes];
        Array.Fill(d, long.MaxValue);
        d[source] = 0;
        if (!Relax(d, new Queue<int>([source]), start, head, weight)) return null;
        var reached = d.Select(x => x != long.MaxValue).ToArray();

        // Reverse adjacency among the nodes not reached; arcs into reached nodes are ways out.
        var outCost = new long[nodes];
        var rstart = new int[nodes + 1];
        for (var i = 0; i < from.Count; i++)
        {
            if (reached[from[i]]) continue;
            if (reached[to[i]]) outCost[from[i]] = Math.Min(outCost[from[i]], cost[i] - d[to[i]]);
            else rstart[to[i] + 1]++;
        }
        for (var i = 0; i < nodes; i++) rstart[i + 1] += rstart[i];
        var fill = (int[])rstart.Clone();
        var rhead = new int[rstart[nodes]]; var rweight = new long[rstart[nodes]];
        for (var i = 0; i < from.Count; i++)
        {
            if (reached[from[i]] || reached[to[i]]) continue;
            var slot = fill[to[i]]++; rhead[slot] = from[i]; rweight[slot] = cost[i];
        }
        var queue = new Queue<int>(Enumerable.Range(0, nodes).Where(x => !reached[x]));
        if (!Relax(outCost, queue, rstart, rhead, rweight)) return null;
        for (var x = 0; x < nodes; x++) if (!reached[x]) d[x] = -outCost[x];
        return d;
    }

    // Bellman-Ford with a FIFO queue from the queued nodes' current labels; false on a negative cycle.
    // A cycle in the last-improvement pointers is always negative, and one appears soon after a
    // negative cycle is reachable, so the pointers are checked every `nodes` steps: that finds one in
    // a few passes rather than the `nodes` passes of the textbook test.
    private static bool Relax(long[] d, Queue<int> queue, int[] start, int[] head, long[] weight)
    {
        var nodes = d.Length;
        var queued = new bool[nodes];
        var parent = new int[nodes];
        Array.Fill(parent, -1);
        foreach (var x in queue) queued[x] = true;
        long steps = 0;
        while (queue.Count > 0)
        {
            var x = queue.Dequeue();
            queued[x] = false;
            if (d[x] == long.MaxValue) continue;
            for (var i = start[x]; i < start[x + 1]; i++)
            {
                var y = head[i];
                var nd = d[x] + weight[i];
                if (nd >= d[y]) continue;
                d[y] = nd;
                parent[y] = x;
                if (++steps % nodes == 0 && HasCycle(parent)) return false;
                if (queued[y]) continue;
                queued[y] = true;
                queue.Enqueue(y);
            }
        }
        return !HasCycle(parent);
    }

    private static bool HasCycle(int[] parent)
    {
        var state = new byte[parent.Length]; // 0 new, 1 on the current walk, 2 done
        for (var s = 0; s < parent.Length; s++)
        {
            var x = s;
            while (x >= 0 && state[x] == 0) { state[x] = 1; x = parent[x]; }
            if (x >= 0 && state[x] == 1) return true;
            for (x = s; x >= 0 && state[x] == 1; x = parent[x]) state[x] = 2;
        }
        return false;
    }
}
