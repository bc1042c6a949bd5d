using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>
/// An independent, spec-literal statement of the rules and the fit, written from the issue text
/// (strings and decimals, no shared code with the engine), plus an exhaustive search over every
/// assignment. Slow by design: it is the oracle for small instances.
/// </summary>
internal static class Reference
{
    private static string K(string s) => s.Trim().ToLowerInvariant();

    public static bool Allowed(Application mentor, Application mentee, MatchSettings s)
    {
        var r = s.Rules;
        if (!mentor.OffersMentoring || !mentee.WantsMentor || mentor.Id == mentee.Id) return false;
        if (r.RequireExperienceGap && mentor.YearsInSector < mentee.YearsInSector + r.MinYearsGap) return false;
        if (r.RequireDifferentOrganisation && K(mentor.Organisation) != "" && K(mentor.Organisation) == K(mentee.Organisation)) return false;
        if (r.RequireCompatibleMeeting && (mentor.Meeting == MeetingPreference.InPerson || mentee.Meeting == MeetingPreference.InPerson)
            && (mentor.Meeting == MeetingPreference.Online || mentee.Meeting == MeetingPreference.Online || K(mentor.Region) != K(mentee.Region)))
            return false;
        if (r.RespectAvoidLists && (Avoids(mentor, mentee) || Avoids(mentee, mentor))) return false;
        if (r.AvoidPreviousPartners && s.PreviousPairs.Any(p => Names(p, mentor, mentee) || Names(p, mentee, mentor))) return false;
        if (s.Excludes.Any(p => Names(p, mentor, mentee) || Names(p, mentee, mentor))) return false;
        if (r.RequireSharedTopic && !mentee.Seeks.Any(t => mentor.Offers.Any(o => K(o) == K(t)))) return false;
        return true;
    }

    private static bool Avoids(Application who, Application other) =>
        who.Avoid.Any(a => K(a) == K(other.Email) || (K(other.Organisation) != "" && K(a) == K(other.Organisation)));

    private static bool Names(PairRef p, Application a, Application b) => Is(p.Mentor, a) && Is(p.Mentee, b);

    private static bool Is(string reference, Application a) => reference == a.Id || K(reference) == K(a.Email);

    public static int Fit(Application mentor, Application mentee, MatchSettings s)
    {
        var w = s.Weights;
        var sought = mentee.Seeks.Select(K).Distinct().ToList();
        var shared = sought.Count(t => mentor.Offers.Any(o => K(o) == t));
        var topics = sought.Count == 0 ? 0 : (int)Math.Floor(w.Topics * (decimal)shared / sought.Count + 0.5m);
        var gap = mentor.YearsInSector - mentee.YearsInSector;
        var g = s.IdealGap;
        var distance = Math.Max(0, Math.Max(g.MinYears - gap, gap - g.MaxYears));
        var experience = distance == 0 ? w.Experience
            : distance >= g.FalloffYears ? 0
            : (int)Math.Floor(w.Experience * (decimal)(g.FalloffYears - distance) / g.FalloffYears + 0.5m);
        var inPerson = mentor.Meeting == MeetingPreference.InPerson || mentee.Meeting == MeetingPreference.InPerson;
        var region = inPerson && K(mentor.Region) == K(mentee.Region) ? w.Region : 0;
        return topics + experience + region;
    }

    public static int Capacity(Application mentor, MatchSettings s) =>
        s.Rules.MaxMenteesPerMentor is { } cap ? Math.Min(cap, mentor.Capacity) : mentor.Capacity;

    /// <summary>The best (pure, both, fit) - or (matched, 0, fit) under equal priority - over all assignments.</summary>
    public static (int Pure, int Both, long Fit) Best(IReadOnlyList<Application> apps, MatchSettings s)
    {
        var mentors = apps.Where(a => a.OffersMentoring).ToList();
        var mentees = apps.Where(a => a.WantsMentor).ToList();
        var locked = s.Locks.Select(l => (apps.Single(a => Is(l.Mentor, a)), apps.Single(a => Is(l.Mentee, a)))).ToList();
        var load = mentors.ToDictionary(m => m.Id, m => locked.Count(l => l.Item1.Id == m.Id));
        var best = (Pure: -1, Both: -1, Fit: -1L);
        void Go(int i, int pure, int both, long fit)
        {
            if (i == mentees.Count)
            {
                if (Better((pure, both, fit), best)) best = (pure, both, fit);
                return;
            }
            var e = mentees[i];
            var isBoth = e.Role == Role.Both;
            if (locked.FirstOrDefault(l => l.Item2.Id == e.Id) is { Item1: not null } lk)
            {
                Go(i + 1, pure + (isBoth ? 0 : 1), both + (isBoth ? 1 : 0), fit + Fit(lk.Item1, e, s));
                return;
            }
            Go(i + 1, pure, both, fit);
            foreach (var m in mentors.Where(m => load[m.Id] < Capacity(m, s) && Allowed(m, e, s)))
            {
                load[m.Id]++;
                Go(i + 1, pure + (isBoth ? 0 : 1), both + (isBoth ? 1 : 0), fit + Fit(m, e, s));
                load[m.Id]--;
            }
        }
        bool Better((int P, int B, long F) a, (int P, int B, long F) b) => s.BothPriority == BothPriority.Equal
            ? (a.P + a.B, a.F).CompareTo((b.P + b.B, b.F)) > 0
            : (a.P, a.B, a.F).CompareTo((b.P, b.B, b.F)) > 0;
        Go(0, 0, 0, 0);
        return best;
    }
}
