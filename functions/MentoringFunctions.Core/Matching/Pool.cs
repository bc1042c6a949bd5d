using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The cohort as flat arrays for the pair scans: applications sorted by id (so input order never
/// matters), organisations/regions as small ints, topics as bit masks. Index = position in Apps.
/// </summary>
internal sealed class Pool
{
    public required Application[] Apps { get; init; }
    /// <summary>Apps that offer mentoring / want a mentor, ascending.</summary>
    public required int[] Mentors { get; init; }
    public required int[] Mentees { get; init; }
    public required int[] Years { get; init; }
    /// <summary>-1 = no organisation (independent), which never conflicts.</summary>
    public required int[] Org { get; init; }
    /// <summary>-1 = no region, which never counts as the same region.</summary>
    public required int[] Region { get; init; }
    public required MeetingPreference[] Meeting { get; init; }
    /// <summary>Places each mentor offers, after the cohort's cap.</summary>
    public required int[] Capacity { get; init; }
    public required int Words { get; init; }
    public required ulong[] OfferBits { get; init; }
    public required ulong[] SeekBits { get; init; }
    public required int[] SeekCount { get; init; }
    /// <summary>Null for most people: whom (app indices) and which organisations (org ids) they avoid.</summary>
    public required int[]?[] AvoidPeople { get; init; }
    public required int[]?[] AvoidOrgs { get; init; }
    public required Dictionary<string, int> IndexById { get; init; }
    public required Dictionary<string, int[]> IndicesByEmail { get; init; }

    public int Count => Apps.Length;

    public static Pool Build(IReadOnlyList<Application> applications, MatchSettings settings)
    {
        var apps = applications.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
        var n = apps.Length;
        var orgIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var regionIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var topicIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in apps)
            foreach (var t in a.Offers.Concat(a.Seeks))
                topicIds.TryAdd(Key(t), topicIds.Count);
        var words = Math.Max(1, (topicIds.Count + 63) / 64);

        int Id(Dictionary<string, int> ids, string raw) =>
            Key(raw) is { Length: > 0 } k ? (ids.TryGetValue(k, out var id) ? id : ids[k] = ids.Count) : -1;

        var org = new int[n]; var region = new int[n]; var years = new int[n]; var capacity = new int[n];
        var meeting = new MeetingPreference[n]; var seekCount = new int[n];
        var offerBits = new ulong[n * words]; var seekBits = new ulong[n * words];
        var cap = settings.Rules.MaxMenteesPerMentor;
        for (var i = 0; i < n; i++)
        {
            var a = apps[i];
            org[i] = Id(orgIds, a.Organisation);
            region[i] = Id(regionIds, a.Region);
            years[i] = a.YearsInSector;
            meeting[i] = a.Meeting;
            capacity[i] = a.OffersMentoring ? Math.Max(0, cap is { } c ? Math.Min(c, a.Capacity) : a.Capacity) : 0;
            if (a.OffersMentoring) foreach (var t in a.Offers) Set(offerBits, i * words, topicIds[Key(t)]);
            if (a.WantsMentor) foreach (var t in a.Seeks) Set(seekBits, i * words, topicIds[Key(t)]);
            seekCount[i] = a.WantsMentor ? a.Seeks.Select(Key).Distinct().Count() : 0;
        }

        var byEmail = apps.Select((a, i) => (Key(a.Email), i)).Where(x => x.Item1.Length > 0)
            .GroupBy(x => x.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
        var avoidPeople = new int[]?[n];
        var avoidOrgs = new int[]?[n];
        for (var i = 0; i < n; i++)
        {
            var entries = apps[i].Avoid.Select(Key).Where(k => k.Length > 0).ToList();
            if (entries.Count == 0) continue;
            var people = entries.SelectMany(k => byEmail.TryGetValue(k, out var ix) ? ix : []).Distinct().ToArray();
            var orgs = entries.Where(orgIds.ContainsKey).Select(k => orgIds[k]).Distinct().ToArray();
            avoidPeople[i] = people.Length > 0 ? people : null;
            avoidOrgs[i] = orgs.Length > 0 ? orgs : null;
        }

        return new Pool
        {
            Apps = apps,
            Mentors = Enumerable.Range(0, n).Where(i => apps[i].OffersMentoring).ToArray(),
            Mentees = Enumerable.Range(0, n).Where(i => apps[i].WantsMentor).ToArray(),
            Years = years, Org = org, Region = region, Meeting = meeting, Capacity = capacity,
            Words = words, OfferBits = offerBits, SeekBits = seekBits, SeekCount = seekCount,
            AvoidPeople = avoidPeople, AvoidOrgs = avoidOrgs,
            IndexById = apps.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal),
            IndicesByEmail = byEmail,
        };
    }

    /// <summary>Organisations, regions, topics, e-mails and avoid entries compare trimmed and case-insensitively.</summary>
    public static string Key(string? text) => (text ?? "").Trim().ToLowerInvariant();

    /// <summary>Resolves an id, or failing that an e-mail, to app indices.</summary>
    public int[] Resolve(string? idOrEmail)
    {
        var text = (idOrEmail ?? "").Trim();
        if (IndexById.TryGetValue(text, out var i)) return [i];
        return IndicesByEmail.TryGetValue(Key(text), out var ix) ? ix : [];
    }

    public int SharedTopics(int mentor, int mentee)
    {
        var shared = 0;
        int a = mentor * Words, b = mentee * Words;
        for (var w = 0; w < Words; w++) shared += System.Numerics.BitOperations.PopCount(OfferBits[a + w] & SeekBits[b + w]);
        return shared;
    }

    private static void Set(ulong[] bits, int offset, int topic) => bits[offset + topic / 64] |= 1UL << (topic % 64);
}
