using System.Numerics;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Mentors (with places) grouped by what fixes most of a pair's cost and rules: years in the
/// sector, region and meeting preference. For one mentee, a bucket decides at once the experience
/// rule and points, the meeting rule and the region points; the topic points are bounded by the
/// topics anyone in the bucket offers. So a scan can skip a whole bucket, or stop inside it, from
/// a lower bound on the cost that holds for every mentor in it. Organisations, avoid lists and
/// listed pairs are left to the exact per-pair check: they only ever remove pairs, so ignoring
/// them keeps the bound a lower bound.
/// Inside a bucket, mentors are ordered by a key (e.g. their potential), ascending, then by slot.
/// </summary>
internal sealed class MentorBuckets
{
    /// <summary>Mentor slots, bucket after bucket, each bucket in key order.</summary>
    public int[] Order { get; }
    /// <summary>Bucket b holds Order[Start[b]..Start[b + 1]).</summary>
    public int[] Start { get; }
    private readonly int[] _years, _region;
    private readonly MeetingPreference[] _meeting;
    private readonly ulong[] _topics; // union of the bucket's offered topics (first 64)
    private readonly Problem _p;
    private readonly bool _checkGap, _checkMeeting, _checkTopic, _oneWord;
    private readonly int _minGap, _regionPoints;

    public int Count => _years.Length;

    public MentorBuckets(Problem p, long[] key)
    {
        _p = p;
        var pool = p.Pool;
        var rules = p.Compat.Rules;
        (_checkGap, _minGap, _checkMeeting) = (rules.RequireExperienceGap, rules.MinYearsGap, rules.RequireCompatibleMeeting);
        _oneWord = pool.Words == 1;
        _checkTopic = rules.RequireSharedTopic;
        _regionPoints = p.Fit.Region(true, true);
        long BucketOf(int u)
        {
            var a = p.MentorApp[u];
            return ((long)pool.Years[a] << 32) | ((long)(pool.Region[a] + 1) << 8) | (long)pool.Meeting[a];
        }
        Order = Enumerable.Range(0, p.MentorCount).Where(u => p.Places[u] > 0)
            .OrderBy(BucketOf).ThenBy(u => key[u]).ThenBy(u => u).ToArray();
        var starts = new List<int>();
        var years = new List<int>(); var region = new List<int>(); var meeting = new List<MeetingPreference>(); var topics = new List<ulong>();
        for (var i = 0; i < Order.Length; i++)
        {
            var a = p.MentorApp[Order[i]];
            if (i == 0 || BucketOf(Order[i]) != BucketOf(Order[i - 1]))
            {
                starts.Add(i);
                years.Add(pool.Years[a]); region.Add(pool.Region[a]); meeting.Add(pool.Meeting[a]); topics.Add(0);
            }
            topics[^1] |= pool.OfferBits[a * pool.Words];
        }
        starts.Add(Order.Length);
        Start = starts.ToArray();
        (_years, _region, _meeting, _topics) = (years.ToArray(), region.ToArray(), meeting.ToArray(), topics.ToArray());
    }

    /// <summary>
    /// The least fit cost (max fit minus fit, without the mentee's level) any mentor in bucket b
    /// can have with mentee v, or -1 when the bucket's years, region and meeting rule them all out.
    /// </summary>
    public int LeastFitCost(int b, int v)
    {
        var pool = _p.Pool;
        var e = _p.MenteeApp[v];
        var gap = _years[b] - pool.Years[e];
        if (_checkGap && gap < _minGap) return -1;
        var inPerson = _meeting[b] == MeetingPreference.InPerson || pool.Meeting[e] == MeetingPreference.InPerson;
        var sameRegion = _region[b] >= 0 && _region[b] == pool.Region[e];
        if (_checkMeeting && inPerson && (_meeting[b] == MeetingPreference.Online || pool.Meeting[e] == MeetingPreference.Online || !sameRegion))
            return -1;
        var sought = pool.SeekCount[e];
        // Topic points never fall as more topics are shared, so the bucket's union bounds them.
        var shared = _oneWord ? Math.Min(sought, BitOperations.PopCount(_topics[b] & pool.SeekBits[e])) : sought;
        if (_checkTopic && shared == 0) return -1;
        var fit = _p.Fit.Topics(shared, sought) + _p.Fit.Experience(gap) + (inPerson && sameRegion ? _regionPoints : 0);
        return _p.Fit.Max - fit;
    }
}
