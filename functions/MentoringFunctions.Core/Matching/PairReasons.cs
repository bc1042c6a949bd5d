using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>A proposed pair's score, part by part, in plain words.</summary>
internal static class PairReasons
{
    public static MatchPair Describe(Pool pool, Fit fit, IdealGap ideal, int mentor, int mentee, bool locked)
    {
        var m = pool.Apps[mentor];
        var e = pool.Apps[mentee];
        var offered = m.Offers.Select(Pool.Key).ToHashSet();
        var sought = e.Seeks.DistinctBy(Pool.Key).ToList();
        var shared = sought.Where(t => offered.Contains(Pool.Key(t))).ToList();
        var gap = m.YearsInSector - e.YearsInSector;
        var sameRegion = pool.Region[mentor] >= 0 && pool.Region[mentor] == pool.Region[mentee];
        var inPerson = m.Meeting == MeetingPreference.InPerson || e.Meeting == MeetingPreference.InPerson;
        var parts = new ScoreParts(fit.Topics(shared.Count, sought.Count), fit.Experience(gap), fit.Region(sameRegion, inPerson),
            shared, sought.Count, gap, sameRegion);

        var topics = shared.Count == 0
            ? $"shares none of the {sought.Count} topics sought"
            : $"shares {shared.Count} of {sought.Count} topic{(sought.Count == 1 ? "" : "s")}: {string.Join(", ", shared)}";
        var years = gap >= 0 ? $"{gap} more year{(gap == 1 ? "" : "s")} in the sector" : $"{-gap} fewer year{(gap == -1 ? "" : "s")} in the sector";
        var band = gap < ideal.MinYears ? $"below the ideal {ideal.MinYears}-{ideal.MaxYears}"
            : gap > ideal.MaxYears ? $"above the ideal {ideal.MinYears}-{ideal.MaxYears}"
            : $"within the ideal {ideal.MinYears}-{ideal.MaxYears}";
        var region = sameRegion
            ? $"both in {e.Region}{(inPerson ? ", and in person is wanted" : "")}"
            : $"different regions ({m.Region} / {e.Region}){(inPerson ? "" : ", meeting online")}";
        var text = $"{topics} ({parts.Topics} pts); {years}, {band} ({parts.Experience} pts); {region} ({parts.Region} pts)";
        if (locked) text = "locked by the working group; " + text;
        return new MatchPair(m.Id, e.Id, parts.Total, parts, locked, text);
    }
}
