namespace MentoringFunctions.Core.Matching;

/// <summary>Shortest-path potentials on the residual graph of a flow (Bellman-Ford with a FIFO queue).</summary>
internal static class Potentials
{
    /// <summary>Distances from a virtual root joined to every node at cost 0; null if a negative cycle exists.</summary>
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

        var d = new long[nodes];
        var queued = new bool[nodes];
        var passes = new int[nodes];
        var queue = new Queue<int>(Enumerable.Range(0, nodes));
        Array.Fill(queued, true);
        while (queue.Count > 0)
        {
            var x = queue.Dequeue();
            queued[x] = false;
            for (var i = start[x]; i < start[x + 1]; i++)
            {
                var y = head[i];
                var nd = d[x] + weight[i];
                if (nd >= d[y]) continue;
                d[y] = nd;
                if (queued[y]) continue;
                if (++passes[y] > nodes) return null;
                queued[y] = true;
                queue.Enqueue(y);
            }
        }
        return d;
    }
}
