using Google.OrTools.Graph;

namespace MentoringFunctions.Core.Matching;

/// <summary>The solver's answer on one arc set: each mentee slot's mentor slot (or -1), and which arcs carry flow.</summary>
internal sealed record Flow(int[] MentorOf, bool[] ArcUsed, long Cost, bool Optimal, string Status);

/// <summary>
/// source -> mentor u (capacity = places left) -> mentee v (capacity 1, cost) -> sink (capacity 1).
/// OR-Tools' SolveMaxFlowWithMinCost returns a maximum flow (most mentees matched) of minimum cost,
/// exactly, in integers. A "both" applicant has a node on each side and no arc to themselves.
/// </summary>
internal static class FlowSolver
{
    public static Flow Solve(Problem p, ArcSet arcs)
    {
        const int source = 0, sink = 1;
        int MentorNode(int u) => 2 + u;
        int MenteeNode(int v) => 2 + p.MentorCount + v;

        using var flow = new MinCostFlow();
        var first = new int[arcs.Count];
        for (var a = 0; a < arcs.Count; a++)
            first[a] = flow.AddArcWithCapacityAndUnitCost(MentorNode(arcs.Mentor[a]), MenteeNode(arcs.Mentee[a]), 1, arcs.Cost[a]);
        long places = 0;
        for (var u = 0; u < p.MentorCount; u++)
        {
            if (p.Places[u] <= 0) continue;
            flow.AddArcWithCapacityAndUnitCost(source, MentorNode(u), p.Places[u], 0);
            places += p.Places[u];
        }
        for (var v = 0; v < p.MenteeCount; v++)
            flow.AddArcWithCapacityAndUnitCost(MenteeNode(v), sink, 1, 0);
        var supply = Math.Min(places, p.MenteeCount);
        flow.SetNodeSupply(source, supply);
        flow.SetNodeSupply(sink, -supply);

        var mentorOf = Enumerable.Repeat(-1, p.MenteeCount).ToArray();
        var used = new bool[arcs.Count];
        if (arcs.Count == 0 || supply == 0) return new Flow(mentorOf, used, 0, true, "OPTIMAL");

        var status = flow.SolveMaxFlowWithMinCost();
        if (status != MinCostFlowBase.Status.OPTIMAL) return new Flow(mentorOf, used, 0, false, status.ToString());
        for (var a = 0; a < arcs.Count; a++)
        {
            if (flow.Flow(first[a]) <= 0) continue;
            used[a] = true;
            mentorOf[arcs.Mentee[a]] = arcs.Mentor[a];
        }
        return new Flow(mentorOf, used, flow.OptimalCost(), true, "OPTIMAL");
    }
}
