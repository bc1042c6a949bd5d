namespace MentoringFunctions.Core.Matching;

/// <summary>What a repair produced: the arcs now in the solve (old and added), the flow on them, and how many improving cycles it pushed.</summary>
internal sealed record Repaired(ArcSet Arcs, Flow Flow, int Cycles);

/// <summary>
/// Takes in the pairs a certificate rejected without solving from scratch. The flow is optimal on
/// its arcs and the certificate's potentials give every residual arc a non-negative reduced cost.
/// Each rejected pair (u, v) joins in turn: a Dijkstra from v over reduced costs looks for a way
/// back to u shorter than the pair's negative reduced cost; if there is one, that cycle has
/// negative cost and one unit is pushed round it (a strictly better flow); the potentials are then
/// updated as in successive shortest paths so the pair and the cycle's arcs are non-negative too.
/// All searches together may settle `budget` nodes; past that the repair gives up and the caller
/// solves in full (so a repair that cannot work costs little).
/// Nothing here is trusted for the proof: the flow is checked for feasibility, and optimality is
/// only ever claimed by the certificate that runs next, with its own potentials. Some arcs of the
/// source and sink are not searched (noted below); that can only leave pairs for a full solve.
/// </summary>
internal static class Repair
{
    public static Repaired? Run(Problem p, ArcSet arcs, Flow flow, long[] potential, List<(int Mentor, long Cost)>[] violations, long budget)
    {
        var lists = arcs.ToLists(p.MenteeCount);
        var added = new HashSet<long>();
        for (var v = 0; v < p.MenteeCount; v++)
            foreach (var (u, c) in violations[v]) { lists[v].Add((u, c)); added.Add(((long)v << 32) | (uint)u); }
        var all = ArcSet.FromLists(lists);
        var s = new State(p, all, potential);
        for (var a = 0; a < all.Count; a++)
        {
            var isNew = added.Contains(((long)all.Mentee[a] << 32) | (uint)all.Mentor[a]);
            s.Active[a] = !isNew;
            if (!isNew && flow.MentorOf[all.Mentee[a]] == all.Mentor[a]) s.Use(a);
        }
        s.Index();
        var cycles = 0;
        for (var a = 0; a < all.Count; a++)
        {
            if (s.Active[a]) continue;
            var outcome = s.TakeIn(a, ref budget);
            if (outcome == Outcome.OverBudget) return null;
            if (outcome == Outcome.Cycle) cycles++;
            s.Active[a] = true;
        }
        return s.Result(cycles);
    }

    private enum Outcome { Cycle, Tight, OverBudget }

    private sealed class State(Problem p, ArcSet all, long[] potential)
    {
        private const int Source = 0, Sink = 1;
        private readonly int _m = p.MentorCount;
        private readonly long[] _pi = (long[])potential.Clone();
        private readonly int[] _load = new int[p.MentorCount];
        private readonly int[] _arcOf = Enumerable.Repeat(-1, p.MenteeCount).ToArray();
        private readonly bool[] _used = new bool[all.Count];
        public readonly bool[] Active = new bool[all.Count];
        private int[] _start = [], _byMentor = [], _free = [];
        // Dijkstra state, reset by stamp.
        private readonly long[] _label = new long[2 + p.MentorCount + p.MenteeCount];
        private readonly int[] _seen = new int[2 + p.MentorCount + p.MenteeCount], _done = new int[2 + p.MentorCount + p.MenteeCount];
        private readonly int[] _parent = new int[2 + p.MentorCount + p.MenteeCount], _via = new int[2 + p.MentorCount + p.MenteeCount];
        private readonly PriorityQueue<int, long> _heap = new();
        private readonly List<int> _settled = [];
        private int _stamp;

        public void Use(int a) { _used[a] = true; _load[all.Mentor[a]]++; _arcOf[all.Mentee[a]] = a; }

        private void Unuse(int a) { _used[a] = false; _load[all.Mentor[a]]--; if (_arcOf[all.Mentee[a]] == a) _arcOf[all.Mentee[a]] = -1; }

        /// <summary>Arcs by mentor (CSR), and mentors in order of falling potential for the source's arcs.</summary>
        public void Index()
        {
            _start = new int[_m + 1];
            for (var a = 0; a < all.Count; a++) _start[all.Mentor[a] + 1]++;
            for (var u = 0; u < _m; u++) _start[u + 1] += _start[u];
            var fill = (int[])_start.Clone();
            _byMentor = new int[all.Count];
            for (var a = 0; a < all.Count; a++) _byMentor[fill[all.Mentor[a]]++] = a;
            _free = Enumerable.Range(0, _m).Where(u => p.Places[u] > 0).OrderByDescending(u => _pi[2 + u]).ThenBy(u => u).ToArray();
        }

        private int MentorNode(int u) => 2 + u;
        private int MenteeNode(int v) => 2 + _m + v;

        public Outcome TakeIn(int a0, ref long budget)
        {
            int u0 = all.Mentor[a0], v0 = all.Mentee[a0];
            var reduced = all.Cost[a0] + _pi[MentorNode(u0)] - _pi[MenteeNode(v0)];
            if (reduced >= 0) return Outcome.Tight;
            var limit = -reduced;
            int target = MentorNode(u0), cursor = -1;
            _stamp++; _heap.Clear(); _settled.Clear();
            Relax(MenteeNode(v0), 0, -1, -1, target);
            long reach = limit;
            var found = false;
            while (_heap.TryDequeue(out var x, out var key))
            {
                if (x == -2)
                {
                    // The source's arcs to mentors with places, one at a time in order of potential (the
                    // order is the starting one, so labels only roughly rise; nothing depends on it).
                    var y = _free[cursor];
                    Relax(MentorNode(y), SourceLabel(y), Source, -1, target);
                    cursor = NextFree(cursor);
                    if (cursor < _free.Length) _heap.Enqueue(-2, Math.Max(key, 2 * SourceLabel(_free[cursor]) + 1));
                    continue;
                }
                if (_done[x] == _stamp || key != Priority(x, target)) continue;
                var dx = _label[x];
                if (dx >= limit) break;
                _done[x] = _stamp; _settled.Add(x);
                if (x == target) { found = true; reach = dx; break; }
                if (--budget < 0) return Outcome.OverBudget;
                if (x == Source)
                {
                    if (_load[u0] < p.Places[u0]) Relax(target, dx + _pi[Source] - _pi[target], Source, -1, target);
                    cursor = NextFree(-1);
                    if (cursor < _free.Length) _heap.Enqueue(-2, Math.Max(key, 2 * SourceLabel(_free[cursor]) + 1));
                }
                else if (x == Sink)
                    // Sink -> matched mentee arcs (swap who is unmatched) are not searched: a full solve covers them.
                    Relax(Source, dx - p.MatchValue + _pi[Sink] - _pi[Source], Sink, -1, target);
                else if (x >= 2 + _m)
                {
                    var v = x - 2 - _m;
                    var a = _arcOf[v];
                    if (a >= 0) Relax(MentorNode(all.Mentor[a]), dx - all.Cost[a] + _pi[x] - _pi[MentorNode(all.Mentor[a])], x, a, target);
                    else Relax(Sink, dx + _pi[x] - _pi[Sink], x, -1, target);
                }
                else
                {
                    var u = x - 2;
                    for (var i = _start[u]; i < _start[u + 1]; i++)
                    {
                        var a = _byMentor[i];
                        if (!Active[a] || _used[a]) continue;
                        var y = MenteeNode(all.Mentee[a]);
                        Relax(y, dx + all.Cost[a] + _pi[x] - _pi[y], x, a, target);
                    }
                    if (_load[u] > 0) Relax(Source, dx + _pi[x] - _pi[Source], x, -1, target);
                }
            }
            if (found)
            {
                // Push one unit round u0 -> v0 -> ... -> u0: leave the reverse arcs first, then take the forward ones.
                var forward = new List<int> { a0 };
                for (var y = target; y != MenteeNode(v0); y = _parent[y])
                {
                    var a = _via[y];
                    if (a < 0) continue;
                    if (y >= 2 + _m) forward.Add(a); else Unuse(a);
                }
                foreach (var a in forward) Use(a);
            }
            // Successive-shortest-path update: settled nodes rise by their distance, capped at `reach`.
            foreach (var x in _settled) _pi[x] -= reach - Math.Min(_label[x], reach);
            return found ? Outcome.Cycle : Outcome.Tight;
        }

        private long SourceLabel(int u) => _label[Source] + _pi[Source] - _pi[MentorNode(u)];

        private int NextFree(int cursor)
        {
            while (++cursor < _free.Length && _load[_free[cursor]] >= p.Places[_free[cursor]]) { }
            return cursor;
        }

        private long Priority(int x, int target) => 2 * _label[x] + (x == target ? 0 : 1);

        private void Relax(int y, long label, int from, int arc, int target)
        {
            if (_done[y] == _stamp || (_seen[y] == _stamp && label >= _label[y])) return;
            _seen[y] = _stamp; _label[y] = label; _parent[y] = from; _via[y] = arc;
            _heap.Enqueue(y, Priority(y, target));
        }

        public Repaired? Result(int cycles)
        {
            // The flow must be feasible whatever happened above: places, one mentor each, arcs in the set.
            var load = new int[_m];
            var mentorOf = Enumerable.Repeat(-1, p.MenteeCount).ToArray();
            var keep = Enumerable.Range(0, all.Count).Where(a => Active[a]).ToArray();
            var used = new bool[keep.Length];
            long cost = 0;
            for (var i = 0; i < keep.Length; i++)
            {
                var a = keep[i];
                if (!_used[a]) continue;
                int u = all.Mentor[a], v = all.Mentee[a];
                if (mentorOf[v] >= 0 || ++load[u] > p.Places[u]) return null;
                mentorOf[v] = u; used[i] = true; cost += all.Cost[a];
            }
            var arcs = new ArcSet { Mentee = keep.Select(a => all.Mentee[a]).ToArray(), Mentor = keep.Select(a => all.Mentor[a]).ToArray(), Cost = keep.Select(a => all.Cost[a]).ToArray() };
            return new Repaired(arcs, new Flow(mentorOf, used, cost, true, "OPTIMAL"), cycles);
        }
    }
}
