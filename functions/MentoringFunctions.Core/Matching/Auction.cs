namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Min-cost max-flow for the matcher's pruned rounds by the auction algorithm with epsilon-scaling
/// (Bertsekas): mentees bid for mentor places, and a bid on a full mentor takes its cheapest place
/// from the holder, who bids again. Each mentee may instead stay unmatched at Problem.MatchValue,
/// so one more match outweighs any fit, as in the certificate. Costs are scaled by
/// (mentees + 1): epsilon-complementary slackness at epsilon 1, with every free place at price 0,
/// is then optimal in whole cost units. Prices and places are kept between calls (a later round
/// starts from them). At 100,000 applicants a solve takes 3-10 s where OR-Tools took 18-40 s.
/// Nothing here is trusted for the proof: the certificate recomputes potentials from the flow and
/// rejects one that is not optimal.
/// </summary>
internal sealed partial class Auction
{
    // WarBidsPerArc: the restarts of the test cohorts took at most 12 bids per arc and mentee, and
    // half of them under 2.5 (1,279 restarts in 2,000 solves, docs/matching.md); twice the most.
    private const int Alpha = 5, BidsPerArc = 4, WarBidsPerArc = 24, Unassigned = -1, Unmatched = -2;
    private const long Infinite = long.MaxValue / 4;
    private readonly Problem _p;
    private readonly long _scale, _unmatched;
    private readonly int[] _slotStart, _slotMentor, _holder, _slotOf, _minSlot;
    private readonly long[] _price, _min, _second;
    private int[] _start = [], _arcOf, _rstart = [], _rMentee = [];
    private long[] _cost = [], _rCost = [], _profit;
    private ArcSet _arcs = new() { Mentee = [], Mentor = [], Cost = [] };
    private readonly Queue<int> _queue = new();
    private readonly Stack<int> _freed = new();
    private bool _warm;

    /// <summary>Bids made so far (a diagnostic for the bench's --phases).</summary>
    public long Bids { get; private set; }

    /// <summary>Solves that ended their first try in a price war and started afresh (a diagnostic).</summary>
    public int Restarts { get; private set; }
    private long _reclaims;

    public Auction(Problem p)
    {
        _p = p;
        _scale = p.MenteeCount + 1L;
        _unmatched = -p.MatchValue * _scale;
        _slotStart = new int[p.MentorCount + 1];
        for (var u = 0; u < p.MentorCount; u++) _slotStart[u + 1] = _slotStart[u] + Math.Max(0, p.Places[u]);
        var slots = _slotStart[^1];
        _slotMentor = new int[slots];
        for (var u = 0; u < p.MentorCount; u++) Array.Fill(_slotMentor, u, _slotStart[u], _slotStart[u + 1] - _slotStart[u]);
        (_price, _holder) = (new long[slots], Enumerable.Repeat(Unassigned, slots).ToArray());
        (_min, _second, _minSlot) = (new long[p.MentorCount], new long[p.MentorCount], new int[p.MentorCount]);
        for (var u = 0; u < p.MentorCount; u++) Reprice(u);
        _slotOf = Enumerable.Repeat(Unassigned, p.MenteeCount).ToArray();
        _arcOf = new int[p.MenteeCount];
        _profit = new long[p.MenteeCount];
    }

    /// <summary>
    /// An optimal flow on these arcs (a superset of the last call's), or null if even a price war's
    /// restart runs out of bids (OR-Tools then solves). First from the last call's prices and places,
    /// with a small epsilon and BidsPerArc bids per arc and mentee. That fails in a price war: more
    /// mentees want a group of places than it holds, and the losers' prices must climb to a level of
    /// the costs (MatchValue, to leave one unmatched, or BothPenalty) in steps of about epsilon. The
    /// auction then starts afresh with epsilon scaled down from MatchValue, which prices the losers
    /// out in a few bids per phase, with WarBidsPerArc bids per arc and mentee.
    /// </summary>
    public Flow? Solve(ArcSet arcs)
    {
        Index(arcs);
        var size = arcs.Count + (long)_p.MenteeCount;
        // The first phase's epsilon: a fifth of the largest cost (cold) or gain on offer (warm), but no
        // more than 10 fit points cold and 1 warm. A larger epsilon only distorts the prices, since
        // every bid raises one by at least epsilon, and the next phases pay to undo it (on the pilot
        // pools, starting every solve from MatchValue took 2.4 times the bids).
        long worst = 0;
        for (var v = 0; v < _p.MenteeCount; v++)
            worst = Math.Max(worst, _slotOf[v] == Unassigned ? MaxCost(v) : Shortfall(v));
        worst = Math.Min(worst, (_warm ? 1 : 10) * _scale * Alpha);
        _warm = true;
        if (Phases(worst / Alpha, BidsPerArc * size)) return Result();
        Restarts++;
        Reset();
        return Phases(_p.MatchValue * _scale / Alpha, WarBidsPerArc * size) ? Result() : null;
    }

    // Epsilon-scaling phases from `first` down to 1; false when they take more than `budget` bids.
    private bool Phases(long first, long budget)
    {
        budget += Bids + _reclaims;
        for (var eps = Math.Max(1, first); ; eps = Math.Max(1, eps / Alpha))
        {
            for (var v = 0; v < _p.MenteeCount; v++)
                if (_slotOf[v] == Unassigned || Shortfall(v) > eps) Release(v);
            while (_queue.TryDequeue(out var v))
                if (_slotOf[v] == Unassigned && Bids++ < budget) Bid(v, eps);
            while (Bids + _reclaims <= budget && _freed.TryPop(out var s)) Reclaim(s, eps);
            if (Bids + _reclaims > budget) return false;
            if (eps == 1) return true;
        }
    }

    // Every price 0, every place free: a price war's prices are no start for the restart.
    private void Reset()
    {
        Array.Fill(_price, 0);
        Array.Fill(_holder, Unassigned);
        Array.Fill(_slotOf, Unassigned);
        for (var u = 0; u < _p.MentorCount; u++) Reprice(u);
        _queue.Clear();
        _freed.Clear();
    }

    // Arcs by mentee (the set is sorted by mentee) and by mentor, scaled costs, and each place's arc.
    private void Index(ArcSet arcs)
    {
        _arcs = arcs;
        _start = new int[_p.MenteeCount + 1];
        _cost = new long[arcs.Count];
        _rstart = new int[_p.MentorCount + 1];
        for (var a = 0; a < arcs.Count; a++) { _start[arcs.Mentee[a] + 1]++; _rstart[arcs.Mentor[a] + 1]++; _cost[a] = arcs.Cost[a] * _scale; }
        for (var v = 0; v < _p.MenteeCount; v++) _start[v + 1] += _start[v];
        for (var u = 0; u < _p.MentorCount; u++) _rstart[u + 1] += _rstart[u];
        var fill = (int[])_rstart.Clone();
        (_rMentee, _rCost) = (new int[arcs.Count], new long[arcs.Count]);
        for (var a = 0; a < arcs.Count; a++)
        {
            var i = fill[arcs.Mentor[a]]++;
            (_rMentee[i], _rCost[i]) = (arcs.Mentee[a], _cost[a]);
        }
        for (var v = 0; v < _p.MenteeCount; v++)
        {
            if (_slotOf[v] < 0) continue;
            _arcOf[v] = Array.BinarySearch(arcs.Mentor, _start[v], _start[v + 1] - _start[v], _slotMentor[_slotOf[v]]);
            if (_arcOf[v] < 0) Release(v);
        }
    }

    private Flow Result()
    {
        var mentorOf = Enumerable.Repeat(-1, _p.MenteeCount).ToArray();
        var used = new bool[_arcs.Count];
        long cost = 0;
        for (var v = 0; v < _p.MenteeCount; v++)
        {
            if (_slotOf[v] < 0) continue;
            var a = _arcOf[v];
            (mentorOf[v], used[a]) = (_arcs.Mentor[a], true);
            cost += _arcs.Cost[a];
        }
        return new Flow(mentorOf, used, cost, true, "OPTIMAL");
    }
}
