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
internal sealed class Auction
{
    private const int Alpha = 5, BidsPerArc = 4, Unassigned = -1, Unmatched = -2;
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
    /// An optimal flow on these arcs (a superset of the last call's), from the last call's prices and
    /// places; null when it would take more than BidsPerArc bids per arc and mentee. That happens
    /// when more mentees compete for a group of places than it holds: the losers' prices must climb
    /// to MatchValue in steps the size of fit differences (a "price war"); OR-Tools then solves.
    /// </summary>
    public Flow? Solve(ArcSet arcs)
    {
        Index(arcs);
        var budget = Bids + _reclaims + BidsPerArc * (arcs.Count + (long)_p.MenteeCount);
        // The first phase's epsilon: a fifth of the largest cost (cold) or gain on offer (warm), but no
        // more than 10 fit points cold and 1 warm. A larger epsilon only distorts the prices, since
        // every bid raises one by at least epsilon, and the next phases pay to undo it.
        long worst = 0;
        for (var v = 0; v < _p.MenteeCount; v++)
            worst = Math.Max(worst, _slotOf[v] == Unassigned ? MaxCost(v) : Shortfall(v));
        worst = Math.Min(worst, (_warm ? 1 : 10) * _scale * Alpha);
        _warm = true;
        for (var eps = Math.Max(1, worst / Alpha); ; eps = Math.Max(1, eps / Alpha))
        {
            for (var v = 0; v < _p.MenteeCount; v++)
                if (_slotOf[v] == Unassigned || Shortfall(v) > eps) Release(v);
            while (_queue.TryDequeue(out var v))
                if (_slotOf[v] == Unassigned && Bids++ < budget) Bid(v, eps);
            while (Bids + _reclaims <= budget && _freed.TryPop(out var s)) Reclaim(s, eps);
            if (Bids + _reclaims > budget) return null;
            if (eps == 1) return Result();
        }
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

    // What mentee v would gain by moving to her best other option (0 if her place is best).
    private long Shortfall(int v)
    {
        if (_slotOf[v] == Unassigned) return 0;
        var own = _slotOf[v] == Unmatched ? -1 : _slotMentor[_slotOf[v]];
        var mine = _profit[v];
        var best = own < 0 ? -Infinite : _unmatched;
        for (var a = _start[v]; a < _start[v + 1]; a++)
        {
            var u = _arcs.Mentor[a];
            var price = u != own ? _min[u] : _minSlot[u] != _slotOf[v] ? _min[u] : _second[u];
            best = Math.Max(best, -_cost[a] - price);
        }
        return Math.Max(0, best - mine);
    }

    private long MaxCost(int v)
    {
        long max = 0;
        for (var a = _start[v]; a < _start[v + 1]; a++) max = Math.Max(max, _cost[a]);
        return max;
    }

    private void Release(int v)
    {
        var s = _slotOf[v];
        if (s >= 0)
        {
            _holder[s] = Unassigned;
            if (_price[s] > 0) _freed.Push(s);
        }
        _slotOf[v] = Unassigned;
        _queue.Enqueue(v);
    }

    // Mentee v takes her best option; the price of the place rises by what she prefers it over her
    // second best, plus eps (another place of the same mentor counts as a second best).
    private void Bid(int v, long eps)
    {
        long best = _unmatched, second = -Infinite;
        var arc = -1;
        for (var a = _start[v]; a < _start[v + 1]; a++)
        {
            var value = -_cost[a] - _min[_arcs.Mentor[a]];
            if (value > best) (second, best, arc) = (best, value, a);
            else if (value > second) second = value;
        }
        if (arc < 0) { (_slotOf[v], _profit[v]) = (Unmatched, _unmatched); return; }
        var u = _arcs.Mentor[arc];
        second = Math.Max(second, -_cost[arc] - _second[u]);
        var s = _minSlot[u];
        if (_holder[s] >= 0) { _slotOf[_holder[s]] = Unassigned; _queue.Enqueue(_holder[s]); }
        Take(v, s, arc, -_cost[arc] - second + eps);
    }

    // A free place with a positive price (its holder left at a phase start) would break optimality:
    // it lowers its price as far as eps-slackness allows and takes the mentee who gains most, whose
    // old place may in turn be left stranded (Bertsekas' reverse auction step).
    private void Reclaim(int s, long eps)
    {
        if (_holder[s] >= 0 || _price[s] == 0) return;
        _reclaims++;
        var u = _slotMentor[s];
        long best = -Infinite, second = -Infinite;
        var at = -1;
        for (var i = _rstart[u]; i < _rstart[u + 1]; i++)
        {
            var gain = -_rCost[i] - _profit[_rMentee[i]];
            if (gain > best) (second, best, at) = (best, gain, i);
            else if (gain > second) second = gain;
        }
        if (at < 0 || best - eps <= 0) { _price[s] = 0; Reprice(u); return; }
        var v = _rMentee[at];
        var arc = Array.BinarySearch(_arcs.Mentor, _start[v], _start[v + 1] - _start[v], u);
        if (_slotOf[v] >= 0)
        {
            var old = _slotOf[v];
            _holder[old] = Unassigned;
            Reprice(_slotMentor[old]);
            if (_price[old] > 0) _freed.Push(old);
        }
        Take(v, s, arc, Math.Max(0, second - eps));
    }

    private void Take(int v, int s, int arc, long price)
    {
        (_holder[s], _slotOf[v], _arcOf[v], _price[s], _profit[v]) = (v, s, arc, price, -_cost[arc] - price);
        Reprice(_slotMentor[s]);
    }

    // The cheapest and second-cheapest place of mentor u.
    private void Reprice(int u)
    {
        long min = Infinite, second = Infinite;
        var at = -1;
        for (var s = _slotStart[u]; s < _slotStart[u + 1]; s++)
        {
            if (_price[s] < min) (second, min, at) = (min, _price[s], s);
            else if (_price[s] < second) second = _price[s];
        }
        (_min[u], _second[u], _minSlot[u]) = (min, second, at);
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
