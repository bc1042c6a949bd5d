using MentoringFunctions.Core.Matching;
using static MentoringFunctions.Core.Tests.Matching.People;

namespace MentoringFunctions.Core.Tests.Matching;

public class LocksTests
{
    private static readonly MentoringFunctions.Core.Applications.Application[] Apps =
    [
        Mentor("m1", 20, offers: "finance"),
        Mentor("m2", 20, offers: "policy"),
        Mentee("e1", 5, seeks: "finance"),
        Mentee("e2", 5, seeks: "policy"),
    ];

    [Fact]
    public void A_lock_is_kept_even_when_the_optimum_would_pair_differently()
    {
        var result = Matcher.Run(Apps, MatchSettings.Default with { Locks = [new PairRef("m1", "e2@example.org")] });
        Assert.True(result.IsValid);
        Assert.Contains(result.Pairs, p => p is { MentorId: "m1", MenteeId: "e2", Locked: true });
        Assert.Contains(result.Pairs, p => p is { MentorId: "m2", MenteeId: "e1", Locked: false });
        Assert.StartsWith("locked by the working group", result.Pairs.Single(p => p.Locked).Reasons);
    }

    [Fact]
    public void An_exclude_rules_a_pair_out()
    {
        var result = Matcher.Run(Apps, MatchSettings.Default with { Excludes = [new PairRef("m1", "e1")] });
        Assert.DoesNotContain(result.Pairs, p => p is { MentorId: "m1", MenteeId: "e1" });
        Assert.Equal(2, result.Pairs.Count);
    }

    [Fact]
    public void Bad_locks_and_excludes_come_back_as_errors_not_exceptions()
    {
        MatchResult Run(params PairRef[] locks) => Matcher.Run(Apps, MatchSettings.Default with { Locks = locks });

        Assert.Contains("'nobody' is not the id or e-mail", Assert.Single(Run(new PairRef("nobody", "e1")).Errors));
        Assert.Contains("applied as a mentee only", Assert.Single(Run(new PairRef("e1", "e2")).Errors));
        Assert.Contains("e1 is locked to 2 mentors", Assert.Single(Run(new PairRef("m1", "e1"), new PairRef("m2", "e1")).Errors));
        Assert.Contains("m1 is locked to 2 mentees but has 1 place(s)", Assert.Single(Run(new PairRef("m1", "e1"), new PairRef("m1", "e2")).Errors));
        var breaks = Matcher.Run([Mentor("m1", 6), Mentee("e1", 5)], MatchSettings.Default with { Locks = [new PairRef("m1", "e1")] });
        Assert.Contains("lock m1 -> e1 breaks the rules: experienceGap", Assert.Single(breaks.Errors));
        var excluded = Matcher.Run(Apps, MatchSettings.Default with { Locks = [new PairRef("m1", "e1")], Excludes = [new PairRef("m1", "e1")] });
        Assert.Contains("excludedByWorkingGroup", Assert.Single(excluded.Errors));
        Assert.Contains("'ghost' is not the id", Assert.Single(Matcher.Run(Apps, MatchSettings.Default with { Excludes = [new PairRef("ghost", "e1")] }).Errors));
    }

    [Fact]
    public void Invalid_settings_and_duplicate_ids_are_errors()
    {
        var bad = MatchSettings.Default with { Rules = new MatchRules { MinYearsGap = -1 }, IdealGap = new IdealGap { MinYears = 9, MaxYears = 3 } };
        var errors = Matcher.Run(Apps, bad).Errors;
        Assert.Contains(errors, e => e.StartsWith("rules.minYearsGap", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("idealGap.minYears", StringComparison.Ordinal));
        Assert.Contains("application id 'm1' appears more than once.", Matcher.Run([.. Apps, Mentee("m1", 1)], MatchSettings.Default).Errors);
    }
}
