using MentoringFunctions.Core.Rhythm;

namespace MentoringFunctions.Core.Tests.Rhythm;

/// <summary>A mentor with several mentees hears once a day; the working group gets one summary, not an e-mail a pair.</summary>
public class DueGroupingTests
{
    private static readonly Person Mina = new("m1", "mina@ex.org", "Mina", false);
    private static readonly Person Eve = new("e1", "eve@ex.org", "Eve", false);
    private static readonly Person Ed = new("e2", "ed@ex.org", "Ed", false);
    private static readonly Person Ola = new("m2", "ola@ex.org", "Ola", false);
    private static readonly Person Tom = new("e3", "tom@ex.org", "Tom", false);
    private static readonly DateOnly Introduced = new(2027, 2, 1);

    private static ProgrammeFacts Facts() => new("c1", "Europe/London", Introduced, new DateOnly(2027, 7, 1),
        new DateOnly(2028, 1, 31), ["wg@ex.org", "chair@ex.org"],
        [new ActiveMatch("m1|e1", Mina, Eve, Introduced, null), new ActiveMatch("m1|e2", Mina, Ed, Introduced, null),
            new ActiveMatch("m2|e3", Ola, Tom, Introduced, null)], new HashSet<(string, FeedbackStage)>());

    private static IReadOnlyList<DueEmail> On(DateOnly day) => DueGrouping.Group(
        ProgrammeRhythm.Due(Facts(), new RhythmSettings(), day, new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero)));

    [Fact]
    public void A_mentor_with_two_mentees_gets_one_check_in_covering_both()
    {
        var due = On(Introduced.AddMonths(1)).Where(d => d.Kind == DueKind.CheckIn).ToList();
        var mina = Assert.Single(due, d => d.PersonId == "m1");
        Assert.Equal(["m1|e1", "m1|e2"], mina.MatchKeys);
        Assert.Equal("check-in/2027-03-01/m1", mina.Key);
        Assert.Equal(["e1", "e2", "e3", "m1", "m2"], due.Select(d => d.PersonId!).Order());
        Assert.Equal(["m1|e1"], Assert.Single(due, d => d.PersonId == "e1").MatchKeys);
    }

    [Fact]
    public void A_mentor_with_two_mentees_gets_one_first_meeting_nudge()
    {
        var nudges = On(Introduced.AddDays(14)).Where(d => d.Kind == DueKind.FirstMeetingNudge).ToList();
        Assert.Single(nudges, d => d.PersonId == "m1");
        Assert.Equal(5, nudges.Count);
        Assert.Equal(nudges.Count, nudges.Select(d => d.Key).Distinct().Count());
    }

    [Fact]
    public void Each_working_group_member_gets_one_summary_of_every_pair_that_has_not_met()
    {
        var summaries = On(Introduced.AddDays(28)).Where(d => d.Kind == DueKind.FirstMeetingEscalation).ToList();
        Assert.Equal(["chair@ex.org", "wg@ex.org"], summaries.Select(d => d.ToEmail).Order());
        Assert.All(summaries, s => Assert.Equal(["m1|e1", "m1|e2", "m2|e3"], s.MatchKeys));
        Assert.Equal("first-meeting-escalation/2027-03-01/wg@ex.org", summaries.Single(s => s.ToEmail == "wg@ex.org").Key);
    }

    [Fact]
    public void Kinds_sent_once_a_person_pass_through_unchanged()
    {
        var day = new DateOnly(2027, 7, 1);
        var raw = ProgrammeRhythm.Due(Facts(), new RhythmSettings(), day, new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero))
            .Where(d => !DueGrouping.Groups(d.Kind)).ToList();
        Assert.NotEmpty(raw);
        Assert.Equal(raw, DueGrouping.Group(raw));
        Assert.Throws<ArgumentOutOfRangeException>(() => DueGrouping.Groups((DueKind)999));
    }
}
