using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The hard rules over a <see cref="Pool"/>. <see cref="Compatible"/> stops at the first failure
/// (the hot path of the scans); <see cref="Failures"/> evaluates every rule for explanations.
/// Both take app indices: a mentor (offers mentoring) and a mentee (wants a mentor).
/// </summary>
internal sealed class Compatibility(Pool pool, MatchRules rules, PairSet previous, PairSet excluded)
{
    public Pool Pool => pool;
    public MatchRules Rules => rules;

    /// <summary>Has an avoid list or a listed pair, so a pair with them needs every check (not just the packed ones).</summary>
    public bool IsSpecial(int app) =>
        pool.AvoidPeople[app] is not null || pool.AvoidOrgs[app] is not null || previous.Involves(app) || excluded.Involves(app);
    public int MinGap => rules.RequireExperienceGap ? rules.MinYearsGap : 0;
    /// <summary>Null when the experience rule is off, so scans must not stop at junior mentors.</summary>
    public int? RequiredGap => rules.RequireExperienceGap ? rules.MinYearsGap : null;

    public bool Compatible(int mentor, int mentee)
    {
        if (mentor == mentee) return false;
        if (rules.RequireExperienceGap && pool.Years[mentor] - pool.Years[mentee] < rules.MinYearsGap) return false;
        if (rules.RequireDifferentOrganisation && SameOrganisation(mentor, mentee)) return false;
        if (rules.RequireCompatibleMeeting && !MeetingFits(mentor, mentee)) return false;
        if (rules.RespectAvoidLists && Avoids(mentor, mentee)) return false;
        if (rules.AvoidPreviousPartners && previous.Contains(mentor, mentee)) return false;
        if (rules.RequireSharedTopic && pool.SharedTopics(mentor, mentee) == 0) return false;
        return !excluded.Contains(mentor, mentee);
    }

    public Rule Failures(int mentor, int mentee)
    {
        var failed = Rule.None;
        if (rules.RequireExperienceGap && pool.Years[mentor] - pool.Years[mentee] < rules.MinYearsGap) failed |= Rule.Experience;
        if (rules.RequireDifferentOrganisation && SameOrganisation(mentor, mentee)) failed |= Rule.Organisation;
        if (rules.RequireCompatibleMeeting && !MeetingFits(mentor, mentee)) failed |= Rule.Meeting;
        if (rules.RespectAvoidLists && Avoids(mentor, mentee)) failed |= Rule.Avoid;
        if (rules.AvoidPreviousPartners && previous.Contains(mentor, mentee)) failed |= Rule.Previous;
        if (rules.RequireSharedTopic && pool.SharedTopics(mentor, mentee) == 0) failed |= Rule.Topic;
        if (excluded.Contains(mentor, mentee)) failed |= Rule.Excluded;
        return failed;
    }

    private bool SameOrganisation(int a, int b) => pool.Org[a] >= 0 && pool.Org[a] == pool.Org[b];

    private bool MeetingFits(int a, int b)
    {
        var ma = pool.Meeting[a];
        var mb = pool.Meeting[b];
        if (ma != MeetingPreference.InPerson && mb != MeetingPreference.InPerson) return true;
        return ma != MeetingPreference.Online && mb != MeetingPreference.Online && pool.Region[a] >= 0 && pool.Region[a] == pool.Region[b];
    }

    private bool Avoids(int a, int b) => OnList(a, b) || OnList(b, a);

    // Does `who` list `other` by e-mail or by (non-blank) organisation?
    private bool OnList(int who, int other) =>
        (pool.AvoidPeople[who] is { } people && Array.IndexOf(people, other) >= 0) ||
        (pool.AvoidOrgs[who] is { } orgs && pool.Org[other] >= 0 && Array.IndexOf(orgs, pool.Org[other]) >= 0);
}

/// <summary>Unordered pairs of app indices (previous partners count whoever mentored whom).</summary>
internal sealed class PairSet
{
    private readonly HashSet<long> _pairs = [];
    private readonly bool[] _involved;

    public PairSet(int count) => _involved = new bool[count];

    public int Count => _pairs.Count;

    public void Add(int a, int b)
    {
        _pairs.Add(Key(a, b));
        _involved[a] = _involved[b] = true;
    }

    // The flag check keeps the hash lookup off the hot path for the many people with no pairs.
    public bool Involves(int a) => _involved[a];

    public bool Contains(int a, int b) => _involved[a] && _involved[b] && _pairs.Contains(Key(a, b));

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
