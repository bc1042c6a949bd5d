using MentoringFunctions.Core.Rhythm;

namespace MentoringFunctions.Core.Tests.Rhythm;

/// <summary>Issue 11 item 4: pairs introduced weeks before the start hear nothing from the rhythm until it starts.</summary>
public class NothingBeforeStartTests
{
    private static readonly DateOnly Start = new(2027, 2, 1);
    private static readonly Person Mina = new("m1", "mina@ex.org", "Mina", false);
    private static readonly Person Eve = new("e1", "eve@ex.org", "Eve", false);

    // Introduced on 1 December: two months before the programme starts, as when matching closes early.
    private static readonly ProgrammeFacts Facts = new("c1", "Europe/London", Start, new DateOnly(2027, 7, 1),
        new DateOnly(2028, 1, 31), ["wg@ex.org"], [new ActiveMatch("m1|e1", Mina, Eve, new DateOnly(2026, 12, 1), null)],
        new HashSet<(string, FeedbackStage)>());

    private static readonly RhythmSettings Settings = new() { Lunch = new LunchSchedule { JoinUrl = "https://meet.example/lunch" } };

    private static List<DueEmail> From(DateOnly first, int days) =>
        Enumerable.Range(0, days).Select(first.AddDays)
            .SelectMany(d => ProgrammeRhythm.Due(Facts, Settings, d, new DateTimeOffset(d.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero)))
            .ToList();

    [Fact]
    public void No_nudge_check_in_or_feedback_request_before_the_programme_starts()
    {
        var before = From(new DateOnly(2026, 12, 1), Start.DayNumber - new DateOnly(2026, 12, 1).DayNumber);
        Assert.DoesNotContain(before, e => e.Kind is not (DueKind.Digest or DueKind.LunchInvite));
        // An invitation ahead of the first lunch is the one exception: that lunch is on or after the start.
        Assert.All(before.Where(e => e.Kind == DueKind.LunchInvite), e => Assert.True(e.LunchDate >= Start));
    }

    [Fact]
    public void Nudges_and_check_ins_count_from_the_start_instead()
    {
        var year = From(Start, 400);
        Assert.Equal(Start.AddDays(Settings.FirstMeetingNudgeDays),
            year.Where(e => e.Kind == DueKind.FirstMeetingNudge).Select(e => e.Day!.Value).Distinct().Single());
        Assert.Equal(Start.AddDays(Settings.FirstMeetingEscalationDays),
            Assert.Single(year, e => e.Kind == DueKind.FirstMeetingEscalation).Day);
        Assert.Equal(Start.AddMonths(Settings.CheckInEveryMonths),
            year.Where(e => e.Kind == DueKind.CheckIn).Min(e => e.Day!.Value));
    }

    [Fact]
    public void A_pair_introduced_after_the_start_counts_from_its_introduction()
    {
        var late = new ActiveMatch("m1|e1", Mina, Eve, Start.AddDays(40), null);
        Assert.Equal(Start.AddDays(40), ProgrammeRhythm.NudgesFrom(late, Start));
    }
}
