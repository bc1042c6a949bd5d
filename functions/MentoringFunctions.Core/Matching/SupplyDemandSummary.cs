namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Mentees and mentor places by experience band and by topic, and the shortfalls that no
/// assignment can fix, so the working group knows whom to recruit.
/// </summary>
internal static class SupplyDemandSummary
{
    public static readonly (int From, int To, string Name)[] Bands =
        [(0, 4, "0-4"), (5, 9, "5-9"), (10, 14, "10-14"), (15, 19, "15-19"), (20, int.MaxValue, "20+")];

    public static SupplyDemand Build(Pool pool, int[] mentorOf, int minGap)
    {
        var mentees = pool.Mentees;
        var mentors = pool.Mentors;
        int Places(Func<int, bool> which) => mentors.Where(which).Sum(m => pool.Capacity[m]);

        var bands = new List<BandSupply>();
        var gaps = new List<string>();
        foreach (var (from, to, name) in Bands)
        {
            var inBand = mentees.Where(e => pool.Years[e] >= from && pool.Years[e] <= to).ToList();
            var senior = from + minGap;
            var placesForThem = Places(m => pool.Years[m] >= senior);
            // Everyone with `from`+ years needs a mentor with `senior`+ years: a shortfall no assignment can fix.
            var demandFromHere = mentees.Count(e => pool.Years[e] >= from);
            var gap = Math.Max(0, demandFromHere - placesForThem);
            bands.Add(new BandSupply(name, inBand.Count, inBand.Count(e => mentorOf[e] >= 0),
                Places(m => pool.Years[m] >= from && pool.Years[m] <= to), placesForThem, gap));
            if (gap > 0 && inBand.Count > 0 && from > 0) // from 0 is the cohort total, stated once below
                gaps.Add($"{Text.Plural.Of(demandFromHere, "mentee")} with {from}+ years, {Text.Plural.Of(placesForThem, "mentor place")} with {senior}+ years for them: recruit mentors with {senior}+ years for at least {gap} more places.");
        }

        var topicNames = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in pool.Apps)
            foreach (var t in a.Seeks.Concat(a.Offers))
                topicNames.TryAdd(Pool.Key(t), t.Trim());
        var topics = topicNames.Select(t => new
        {
            Name = t.Value,
            Mentees = mentees.Count(e => pool.Apps[e].Seeks.Any(s => Pool.Key(s) == t.Key)),
            Places = Places(m => pool.Apps[m].Offers.Any(o => Pool.Key(o) == t.Key)),
        })
            .Select(t => new TopicSupply(t.Name, t.Mentees, t.Places, Math.Max(0, t.Mentees - t.Places)))
            .OrderByDescending(t => t.Gap).ThenBy(t => t.Topic, StringComparer.Ordinal).ToList();
        foreach (var t in topics.Where(t => t.Gap > 0).Take(10))
            gaps.Add($"{t.Topic}: {t.Mentees} mentees seek it, {t.MentorPlaces} mentor places offer it.");

        var places = Places(_ => true);
        if (mentees.Length > places)
            gaps.Insert(0, $"{mentees.Length} mentees and {places} mentor places in all: at least {mentees.Length - places} cannot be matched.");
        var both = pool.Apps.Count(a => a.Role == Applications.Role.Both);
        return new SupplyDemand(mentees.Length, mentees.Length - both, both, mentors.Length, places, bands, topics, gaps);
    }
}
