namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The optimisation instance after locks: mentor slots u (with the places left) and mentee slots v
/// (not locked). Cost(u, v) folds the objective's levels into one integer (docs/matching.md):
/// (max fit - fit), plus BothPenalty for a "both" request under PureMenteesFirst. Max flow fixes how
/// many are matched; BothPenalty exceeds any possible fit total, so pure mentees come before fit.
/// </summary>
internal sealed class Problem
{
    public required Compatibility Compat { get; init; }
    public required Fit Fit { get; init; }
    public required int[] MentorApp { get; init; }
    public required int[] Places { get; init; }
    public required int[] MenteeApp { get; init; }
    public required bool[] MenteeIsBoth { get; init; }
    public required long BothPenalty { get; init; }
    public required PairKernel Kernel { get; init; }

    public int MentorCount => MentorApp.Length;
    public int MenteeCount => MenteeApp.Length;
    public Pool Pool => Compat.Pool;

    /// <summary>The largest cost of any one arc.</summary>
    public long MaxCost => Fit.Max + BothPenalty;

    /// <summary>Exceeds the cost of any simple augmenting path, so one more match outweighs everything else.</summary>
    public long MatchValue => (2L * (MentorCount + MenteeCount) + 4) * Math.Max(1, MaxCost) + 1;

    public static Problem Create(Compatibility compat, Fit fit, int[] mentorApps, int[] places, int[] menteeApps, BothPriority priority)
    {
        var pool = compat.Pool;
        var isBoth = menteeApps.Select(a => pool.Apps[a].Role == Applications.Role.Both).ToArray();
        var penalty = priority == BothPriority.PureMenteesFirst && isBoth.Any(b => b)
            ? (long)fit.Max * menteeApps.Length + 1
            : 0;
        var penalties = isBoth.Select(b => b ? penalty : 0).ToArray();
        return new Problem
        {
            Compat = compat, Fit = fit, MentorApp = mentorApps, Places = places,
            MenteeApp = menteeApps, MenteeIsBoth = isBoth, BothPenalty = penalty,
            Kernel = new PairKernel(compat, fit, mentorApps, menteeApps, penalties),
        };
    }

    /// <summary>The score of a pair of app indices (rules not checked).</summary>
    public int Score(int mentorApp, int menteeApp)
    {
        var pool = Pool;
        var inPerson = pool.Meeting[mentorApp] == Applications.MeetingPreference.InPerson
                       || pool.Meeting[menteeApp] == Applications.MeetingPreference.InPerson;
        var sameRegion = pool.Region[mentorApp] >= 0 && pool.Region[mentorApp] == pool.Region[menteeApp];
        return Fit.Score(pool.SharedTopics(mentorApp, menteeApp), pool.SeekCount[menteeApp],
            pool.Years[mentorApp] - pool.Years[menteeApp], sameRegion, inPerson);
    }

    /// <summary>The arc cost of slots (u, v), or -1 when the rules forbid the pair.</summary>
    public long Cost(int u, int v) => Kernel.Cost(u, v);

    /// <summary>The level part of every arc into mentee v (the "both" penalty or 0).</summary>
    public long MinCost(int v) => MenteeIsBoth[v] ? BothPenalty : 0;
}
