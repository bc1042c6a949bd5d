using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Cheap, always-valid bounds used when the certificate runs out of rounds: whether the counts
/// are optimal for a simple reason, and the most total fit any assignment with these counts could have.
/// </summary>
internal static class FitBound
{
    /// <summary>
    /// If every unmatched mentee has no compatible mentor at all, everyone who could be matched is:
    /// no assignment matches more pure mentees or more "both" requests.
    /// </summary>
    public static bool CountsObviouslyOptimal(IReadOnlyList<UnmatchedMentee> unmatched) =>
        unmatched.All(u => u.Kind == UnmatchedReasons.NoCompatibleMentor);

    /// <summary>
    /// The most fit a mentee can earn from anyone: no topic points without sought topics, no
    /// region points for an online-only mentee when in-person-only mentors are ruled out for her.
    /// </summary>
    public static int Reachable(Pool pool, Fit fit, MatchRules rules, int mentee) =>
        fit.Max
        - (pool.SeekCount[mentee] == 0 ? fit.Weights.Topics : 0)
        - (pool.Meeting[mentee] == MeetingPreference.Online && rules.RequireCompatibleMeeting ? fit.Weights.Region : 0);

    /// <summary>
    /// An upper bound on total fit for an assignment matching the same numbers of pure mentees and
    /// "both" requests: the best reachable fit of that many matchable mentees of each kind.
    /// </summary>
    public static long UpperBound(Pool pool, Fit fit, MatchRules rules, int[] mentorOf, IReadOnlyList<UnmatchedMentee> unmatched)
    {
        var unmatchable = unmatched.Where(u => u.Kind == UnmatchedReasons.NoCompatibleMentor).Select(u => u.MenteeId).ToHashSet(StringComparer.Ordinal);
        long total = 0;
        foreach (var both in new[] { false, true })
        {
            var kind = pool.Mentees.Where(e => (pool.Apps[e].Role == Role.Both) == both).ToList();
            var matched = kind.Count(e => mentorOf[e] >= 0);
            total += kind.Where(e => !unmatchable.Contains(pool.Apps[e].Id))
                .Select(e => (long)Reachable(pool, fit, rules, e)).OrderDescending().Take(matched).Sum();
        }
        return total;
    }
}
