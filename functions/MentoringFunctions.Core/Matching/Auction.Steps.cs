namespace MentoringFunctions.Core.Matching;

/// <summary>The auction's steps: a mentee's bid, a free place's reverse step, and the prices they read.</summary>
internal sealed partial class Auction
{
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
}
