using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>Small random cohorts and settings that exercise every rule, from a seed.</summary>
internal static class RandomCohorts
{
    private static readonly string[] Topics = ["finance", "policy", "heat", "legal", "procurement"];
    private static readonly string[] Orgs = ["", "Org A", " org a ", "Org B", "Org C"];
    private static readonly string[] Regions = ["North West", "north west", "Wales", "London"];

    public static List<Application> Cohort(Random rng, int size)
    {
        var apps = new List<Application>();
        for (var i = 0; i < size; i++)
        {
            var role = (Role)rng.Next(3);
            var offers = role == Role.Mentee ? "" : Pick(rng, Topics, 1 + rng.Next(3));
            var seeks = role == Role.Mentor ? "" : Pick(rng, Topics, 1 + rng.Next(3));
            var avoid = rng.Next(6) == 0 ? (rng.Next(2) == 0 ? $"p{rng.Next(size)}@example.org" : "ORG B") : "";
            apps.Add(People.Make($"p{i}", role, rng.Next(0, 25), Orgs[rng.Next(Orgs.Length)], Regions[rng.Next(Regions.Length)],
                (MeetingPreference)rng.Next(3), offers, seeks, role == Role.Mentee ? 0 : 1 + rng.Next(2), avoid));
        }
        return apps;
    }

    public static MatchSettings Settings(Random rng, IReadOnlyList<Application> apps)
    {
        var s = MatchSettings.Default with
        {
            BothPriority = rng.Next(3) == 0 ? BothPriority.Equal : BothPriority.PureMenteesFirst,
            Rules = new MatchRules
            {
                RequireExperienceGap = rng.Next(5) > 0,
                MinYearsGap = rng.Next(0, 5),
                RequireDifferentOrganisation = rng.Next(5) > 0,
                RequireCompatibleMeeting = rng.Next(5) > 0,
                RespectAvoidLists = rng.Next(5) > 0,
                AvoidPreviousPartners = rng.Next(5) > 0,
                MaxMenteesPerMentor = rng.Next(4) == 0 ? 1 : null,
                RequireSharedTopic = rng.Next(3) == 0,
            },
            Weights = new FitWeights { Topics = rng.Next(0, 80), Experience = rng.Next(0, 40), Region = rng.Next(0, 20) },
        };
        if (apps.Count >= 2 && rng.Next(2) == 0)
            s = s with
            {
                PreviousPairs = [new PairRef(apps[rng.Next(apps.Count)].Email.ToUpperInvariant(), apps[rng.Next(apps.Count)].Id)],
                Excludes = [new PairRef(apps[0].Id, apps[1].Id)],
            };
        // Sometimes the working group locks a pair the rules allow.
        var allowed = apps.SelectMany(m => apps.Where(e => Reference.Allowed(m, e, s)).Select(e => (m, e))).ToList();
        if (allowed.Count > 0 && rng.Next(3) == 0)
        {
            var (mentor, mentee) = allowed[rng.Next(allowed.Count)];
            s = s with { Locks = [new PairRef(mentor.Id, rng.Next(2) == 0 ? mentee.Id : mentee.Email)] };
        }
        return s;
    }

    private static string Pick(Random rng, string[] from, int n) => string.Join(";", from.OrderBy(_ => rng.Next()).Take(n));
}
