using System.Text.Json;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Core.Tests.Matching;

public class DeterminismTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Same_input_in_any_order_gives_the_same_result(int seed, bool pruned)
    {
        var rng = new Random(seed);
        var apps = RandomCohorts.Cohort(rng, 120);
        var settings = MatchSettings.Default;
        if (pruned) settings = settings with { Engine = new EngineSettings { FullGraphPairLimit = 0, CandidatesPerMentee = 2, CandidateWindow = 16 } };
        var expected = JsonSerializer.Serialize(Matcher.Run(apps, settings));
        for (var i = 0; i < 3; i++)
        {
            var shuffled = apps.OrderBy(_ => rng.Next()).ToList();
            var threads = settings with { Engine = settings.Engine with { MaxDegreeOfParallelism = 1 + i } };
            Assert.Equal(expected, JsonSerializer.Serialize(Matcher.Run(shuffled, threads)));
        }
    }

    [Fact]
    public void Results_are_sorted_by_ids()
    {
        var result = Matcher.Run(RandomCohorts.Cohort(new Random(7), 60), MatchSettings.Default);
        Assert.Equal(result.Pairs.OrderBy(p => p.MentorId, StringComparer.Ordinal).ThenBy(p => p.MenteeId, StringComparer.Ordinal), result.Pairs);
        Assert.Equal(result.Unmatched.OrderBy(u => u.MenteeId, StringComparer.Ordinal), result.Unmatched);
        Assert.Equal(result.Both.OrderBy(b => b.Id, StringComparer.Ordinal), result.Both);
    }

    [Fact]
    public void Pruned_and_certified_equals_the_full_solve_on_a_medium_cohort()
    {
        var apps = RandomCohorts.Cohort(new Random(11), 400);
        var full = Matcher.Run(apps, MatchSettings.Default).Optimality!;
        var pruned = Matcher.Run(apps, MatchSettings.Default with
        {
            Engine = new EngineSettings { FullGraphPairLimit = 0, CandidatesPerMentee = 1, CandidateWindow = 8 },
        }).Optimality!;
        Assert.True(full.Proven);
        Assert.True(pruned.Proven, pruned.Note);
        Assert.StartsWith("pruned", pruned.Method);
        Assert.Equal((full.PureMenteesMatched, full.BothRequestsMatched, full.TotalFit), (pruned.PureMenteesMatched, pruned.BothRequestsMatched, pruned.TotalFit));
    }

    [Theory]
    [InlineData(11, 1)]
    [InlineData(12, 1)]
    [InlineData(13, 1)]
    [InlineData(11, 0)]
    [InlineData(12, 0)]
    public void Too_few_certification_rounds_reports_not_proven_with_valid_bounds(int seed, int rounds)
    {
        var apps = RandomCohorts.Cohort(new Random(seed), 400);
        var full = Matcher.Run(apps, MatchSettings.Default).Optimality!;
        var capped = Matcher.Run(apps, MatchSettings.Default with
        {
            Engine = new EngineSettings { FullGraphPairLimit = 0, CandidatesPerMentee = 1, CandidateWindow = 4, MaxCertificationRounds = rounds },
        }).Optimality!;
        Assert.False(capped.Proven);
        Assert.True(capped.ObjectiveGap > 0 || (rounds == 0 && !capped.CountsProven && capped.ObjectiveGap == -1));
        Assert.True(capped.MenteesMatched + capped.MaxExtraMatches >= full.MenteesMatched);
        if (capped.CountsProven)
        {
            Assert.Equal((full.PureMenteesMatched, full.BothRequestsMatched), (capped.PureMenteesMatched, capped.BothRequestsMatched));
            Assert.True(capped.TotalFit + capped.ObjectiveGap >= full.TotalFit, $"fit {capped.TotalFit} + gap {capped.ObjectiveGap} < optimum {full.TotalFit}");
            Assert.Contains("points of the optimum", capped.Note);
        }
    }
}
