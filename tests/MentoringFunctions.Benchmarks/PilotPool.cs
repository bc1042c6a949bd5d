using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Benchmarks;

/// <summary>
/// Generated cohorts shaped like the pilot: ~60% mentees, 30% mentors, 10% both; few mentors with
/// 15+ years; a quarter of people in three large organisations; capacity 1-3. Seeded, so every
/// run of a size sees the same pool.
/// </summary>
public static class PilotPool
{
    private static readonly string[] Regions =
        ["North West", "London", "Yorkshire and the Humber", "Scotland", "South East", "West Midlands", "East Midlands",
         "North East", "South West", "Wales", "East of England", "Northern Ireland"];
    private static readonly string[] Topics =
        ["finance", "procurement", "policy", "heat pumps", "district heating", "community engagement", "governance",
         "planning", "legal", "metering", "grants", "technical design"];
    private static readonly string[] BigOrgs = ["Northern Heat Ltd", "City Council", "Energy Trust"];

    public static List<Application> Generate(int size, int seed = 2027)
    {
        var rng = new Random(seed);
        var smallOrgs = Math.Max(5, size / 8);
        var apps = new List<Application>(size);
        for (var i = 0; i < size; i++)
        {
            var roll = rng.NextDouble();
            var role = roll < 0.6 ? Role.Mentee : roll < 0.9 ? Role.Mentor : Role.Both;
            var years = role switch
            {
                Role.Mentee => Pick(rng, [(0, 4, 45), (5, 9, 32), (10, 14, 17), (15, 25, 6)]),
                Role.Mentor => Pick(rng, [(2, 4, 5), (5, 9, 35), (10, 14, 42), (15, 19, 13), (20, 35, 5)]),
                _ => Pick(rng, [(4, 9, 60), (10, 14, 40)]),
            };
            var orgRoll = rng.NextDouble();
            var org = orgRoll < 0.25 ? BigOrgs[rng.Next(3)] : orgRoll < 0.35 ? "" : $"Org {rng.Next(smallOrgs)}";
            var region = Regions[Math.Min(Regions.Length - 1, (int)(Regions.Length * rng.NextDouble() * rng.NextDouble() * 1.6))];
            var meetingRoll = rng.NextDouble();
            var meeting = meetingRoll < 0.5 ? MeetingPreference.Either : meetingRoll < 0.85 ? MeetingPreference.Online : MeetingPreference.InPerson;
            var offers = role == Role.Mentee ? [] : TopicList(rng, 2 + rng.Next(4));
            var seeks = role == Role.Mentor ? [] : TopicList(rng, 1 + rng.Next(4));
            var capacity = role == Role.Mentee ? 0 : 1 + rng.Next(3);
            List<string> avoid = rng.NextDouble() < 0.02 ? [BigOrgs[rng.Next(3)]] : [];
            apps.Add(new Application($"a{i:D6}", role, $"Person {i}", $"p{i}@example.org", org, years, region, meeting,
                offers, seeks, capacity, avoid, ""));
        }
        return apps;
    }

    private static int Pick(Random rng, (int From, int To, int Weight)[] bands)
    {
        var roll = rng.Next(bands.Sum(b => b.Weight));
        foreach (var (from, to, weight) in bands)
        {
            if (roll < weight) return rng.Next(from, to + 1);
            roll -= weight;
        }
        return bands[^1].To;
    }

    // Popular topics first: a skewed pick, like real demand.
    private static List<string> TopicList(Random rng, int count) =>
        Enumerable.Range(0, count * 3).Select(_ => Topics[(int)(Topics.Length * Math.Pow(rng.NextDouble(), 1.7))])
            .Distinct().Take(count).ToList();
}
