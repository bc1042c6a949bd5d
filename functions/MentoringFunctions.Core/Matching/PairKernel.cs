using System.Numerics;
using System.Runtime.CompilerServices;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The hot loop of every scan: rules and fit for one (mentor slot, mentee slot) in a few
/// nanoseconds, from packed per-person records instead of the pool's many arrays. Anyone with an
/// avoid list or a previous/excluded pair is "special" and takes the full
/// <see cref="Compatibility.Compatible"/> check; more than 64 topics falls back to the pool's bit sets.
/// The optimality tests hold this path against an independent statement of the rules.
/// </summary>
internal sealed class PairKernel
{
    private readonly struct Person(int app, int years, int org, int region, bool inPerson, bool online, bool special, ulong topics, int sought)
    {
        public readonly ulong Topics = topics;
        public readonly int App = app, Years = years, Org = org, Region = region, Sought = sought;
        public readonly bool InPerson = inPerson, Online = online, Special = special;
    }

    private readonly Person[] _mentors;
    private readonly Person[] _mentees;
    private readonly int[] _topicPoints; // [sought * (maxSought + 1) + shared]
    private readonly int _topicStride;
    private readonly int[] _experience;
    private readonly Compatibility _compat;
    private readonly Pool _pool;
    private readonly bool _checkGap, _checkOrg, _checkMeeting, _checkTopic;
    private readonly int _minGap;
    private readonly int _regionPoints;
    private readonly long[] _penalty;
    private readonly int _fitMax;
    private readonly bool _oneWord;
    private const int GapOffset = 100;

    public PairKernel(Compatibility compat, Fit fit, int[] mentorApps, int[] menteeApps, long[] penalty)
    {
        var pool = compat.Pool;
        _compat = compat; _pool = pool;
        (_checkGap, _minGap) = (compat.Rules.RequireExperienceGap, compat.Rules.MinYearsGap);
        (_checkOrg, _checkMeeting) = (compat.Rules.RequireDifferentOrganisation, compat.Rules.RequireCompatibleMeeting);
        _checkTopic = compat.Rules.RequireSharedTopic;
        _regionPoints = fit.Region(true, true); _penalty = penalty; _fitMax = fit.Max;
        _oneWord = pool.Words == 1;
        Person Make(int a, ulong[] bits) => new(a, pool.Years[a], pool.Org[a], pool.Region[a],
            pool.Meeting[a] == MeetingPreference.InPerson, pool.Meeting[a] == MeetingPreference.Online, compat.IsSpecial(a), bits[a * pool.Words],
            pool.SeekCount[a]);
        _mentors = mentorApps.Select(a => Make(a, pool.OfferBits)).ToArray();
        _mentees = menteeApps.Select(a => Make(a, pool.SeekBits)).ToArray();
        _topicStride = pool.SeekCount.DefaultIfEmpty(0).Max() + 1;
        _topicPoints = new int[_topicStride * _topicStride];
        for (var sought = 0; sought < _topicStride; sought++)
            for (var shared = 0; shared <= sought; shared++) _topicPoints[sought * _topicStride + shared] = fit.Topics(shared, sought);
        _experience = Enumerable.Range(-GapOffset, 2 * GapOffset + 1).Select(fit.Experience).ToArray();
    }

    private PairKernel(PairKernel source, Person[] mentors)
    {
        (_mentees, _topicPoints, _topicStride, _experience, _compat, _pool) =
            (source._mentees, source._topicPoints, source._topicStride, source._experience, source._compat, source._pool);
        (_penalty, _fitMax, _oneWord, _checkGap, _checkOrg, _checkMeeting, _minGap, _regionPoints) =
            (source._penalty, source._fitMax, source._oneWord, source._checkGap, source._checkOrg, source._checkMeeting, source._minGap, source._regionPoints);
        _checkTopic = source._checkTopic;
        _mentors = mentors;
    }

    /// <summary>A kernel whose mentor i is slot order[i]: scans in that order then read memory in sequence.</summary>
    public PairKernel Reordered(int[] order) => new(this, order.Select(u => _mentors[u]).ToArray());

    /// <summary>Arc cost of (u, v): (max fit - fit) + the mentee's priority penalty; -1 when the rules forbid the pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Cost(int u, int v)
    {
        ref readonly var m = ref _mentors[u];
        ref readonly var e = ref _mentees[v];
        var gap = m.Years - e.Years;
        var inPerson = m.InPerson | e.InPerson;
        var sameRegion = (m.Region >= 0) & (m.Region == e.Region);
        // Non-short-circuit operators: about half of all pairs fail some rule, unpredictably, so
        // one combined branch is much cheaper than one mispredicted branch per rule.
        var ok = (m.App != e.App)
                 & (!_checkGap | gap >= _minGap)
                 & (!_checkOrg | m.Org < 0 | m.Org != e.Org)
                 & (!_checkMeeting | !inPerson | !(m.Online | e.Online | !sameRegion));
        if (!ok) return -1;
        if ((m.Special | e.Special) && !_compat.Compatible(m.App, e.App)) return -1;
        var shared = _oneWord ? BitOperations.PopCount(m.Topics & e.Topics) : _pool.SharedTopics(m.App, e.App);
        if (_checkTopic && shared == 0) return -1;
        var fit = _topicPoints[e.Sought * _topicStride + shared] + _experience[Math.Clamp(gap, -GapOffset, GapOffset) + GapOffset] + (inPerson & sameRegion ? _regionPoints : 0);
        return _fitMax - fit + _penalty[v];
    }
}
