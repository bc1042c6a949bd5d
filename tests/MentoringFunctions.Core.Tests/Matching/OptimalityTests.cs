using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>The engine against exhaustive search, on many small random cohorts and settings.</summary>
public class OptimalityTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Matches_exhaustive_search_and_keeps_every_rule(int seed)
    {
        var rng = new Random(seed);
        for (var instance = 0; instance < 10; instance++)
        {
            var apps = RandomCohorts.Cohort(rng, rng.Next(2, 10));
            var settings = RandomCohorts.Settings(rng, apps);
            // Every other instance forces the pruned path with a tiny candidate list, so the certificate does the work.
            if (instance % 2 == 1) settings = settings with { Engine = new EngineSettings { FullGraphPairLimit = 0, CandidatesPerMentee = 1 } };
            var result = Matcher.Run(apps, settings);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));

            var best = Reference.Best(apps, settings);
            var opt = result.Optimality!;
            Assert.True(opt.Proven, $"seed {seed}/{instance}: {opt.Note}");
            var label = $"seed {seed}/{instance}";
            if (settings.BothPriority == BothPriority.Equal)
                Assert.True(best.Pure + best.Both == opt.MenteesMatched, $"{label}: matched {opt.MenteesMatched}, best {best.Pure + best.Both}");
            else
                Assert.True((best.Pure, best.Both) == (opt.PureMenteesMatched, opt.BothRequestsMatched), $"{label}: ({opt.PureMenteesMatched},{opt.BothRequestsMatched}) vs best {best}");
            Assert.True(best.Fit == opt.TotalFit, $"{label}: fit {opt.TotalFit}, best {best.Fit}");
            AssertRules(apps, settings, result);
        }
    }

    internal static void AssertRules(IReadOnlyList<Application> apps, MatchSettings settings, MatchResult result)
    {
        var byId = apps.ToDictionary(a => a.Id);
        foreach (var p in result.Pairs)
        {
            Assert.True(Reference.Allowed(byId[p.MentorId], byId[p.MenteeId], settings) || p.Locked, $"{p.MentorId}->{p.MenteeId} breaks a rule");
            Assert.Equal(Reference.Fit(byId[p.MentorId], byId[p.MenteeId], settings), p.Score);
        }
        Assert.All(result.Pairs.GroupBy(p => p.MenteeId), g => Assert.Single(g));
        Assert.All(result.Pairs.GroupBy(p => p.MentorId), g => Assert.True(g.Count() <= Reference.Capacity(byId[g.Key], settings)));
        var matched = result.Pairs.Select(p => p.MenteeId).ToHashSet();
        Assert.Equal(apps.Where(a => a.WantsMentor && !matched.Contains(a.Id)).Select(a => a.Id).Order(), result.Unmatched.Select(u => u.MenteeId).Order());
    }
}
