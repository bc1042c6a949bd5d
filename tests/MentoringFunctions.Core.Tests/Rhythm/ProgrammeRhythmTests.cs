using MentoringFunctions.Core.Rhythm;

namespace MentoringFunctions.Core.Tests.Rhythm;

public class ProgrammeRhythmTests
{
    private const string London = "Europe/London";
    private static readonly Person Mina = new("m1", "mina@ex.org", "Mina", false);
    private static readonly Person Eve = new("e1", "eve@ex.org", "Eve", false);
    private static readonly Person Ola = new("m2", "ola@ex.org", "Ola", false);
    private static readonly Person Tom = new("e2", "tom@ex.org", "Tom", Unsubscribed: true);

    private static ProgrammeFacts Facts(DateOnly? firstMeeting = null, params (string, FeedbackStage)[] answered) => new(
        "c1", London, new DateOnly(2027, 2, 1), new DateOnly(2027, 7, 1), new DateOnly(2028, 1, 31), ["wg@ex.org"],
        [new ActiveMatch("m1|e1", Mina, Eve, new DateOnly(2027, 2, 1), firstMeeting), new ActiveMatch("m2|e2", Ola, Tom, new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 10))],
        answered.ToHashSet());

    private static readonly RhythmSettings Settings = new() { Lunch = new LunchSchedule { JoinUrl = "https://meet.example/lunch" } };

    /// <summary>Every e-mail of the year, day by day, the timer running at 08:00 UTC.</summary>
    private static List<DueEmail> Year(ProgrammeFacts facts) =>
        Enumerable.Range(0, 400).Select(i => new DateOnly(2027, 1, 15).AddDays(i))
            .SelectMany(d => ProgrammeRhythm.Due(facts, Settings, d, new DateTimeOffset(d.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero)))
            .ToList();

    [Fact]
    public void Lunch_dates_are_the_nth_weekday_of_each_month()
    {
        var firstTuesdays = new LunchSchedule().Dates(new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 30)).ToList();
        Assert.Equal([new(2027, 1, 5), new(2027, 2, 2), new(2027, 3, 2), new(2027, 4, 6)], firstTuesdays);
        var lastFridays = new LunchSchedule { Weekday = DayOfWeek.Friday, Nth = -1 }.Dates(new DateOnly(2027, 2, 1), new DateOnly(2027, 3, 31)).ToList();
        Assert.Equal([new(2027, 2, 26), new(2027, 3, 26)], lastFridays);
    }

    [Fact]
    public void First_meeting_nudge_and_escalation_only_without_a_first_meeting()
    {
        var year = Year(Facts());
        var nudges = year.Where(e => e.Kind == DueKind.FirstMeetingNudge).ToList();
        Assert.Equal(["eve@ex.org", "mina@ex.org"], nudges.Select(n => n.ToEmail).Order());   // not Ola/Tom: they met
        Assert.All(nudges, n => Assert.Equal(new DateOnly(2027, 2, 15), n.Day));
        var escalation = Assert.Single(year, e => e.Kind == DueKind.FirstMeetingEscalation);
        Assert.Equal((new DateOnly(2027, 3, 1), "wg@ex.org"), (escalation.Day!.Value, escalation.ToEmail));
        Assert.DoesNotContain(Year(Facts(new DateOnly(2027, 2, 14))), e => e.Kind is DueKind.FirstMeetingNudge && e.MatchKey == "m1|e1");
    }

    [Fact]
    public void Monthly_check_ins_until_the_end_and_never_to_the_unsubscribed()
    {
        var checkIns = Year(Facts()).Where(e => e.Kind == DueKind.CheckIn).ToList();
        Assert.Equal(Enumerable.Range(1, 11).Select(k => new DateOnly(2027, 2, 1).AddMonths(k)), checkIns.Where(c => c.PersonId == "e1").Select(c => c.Day!.Value));
        Assert.DoesNotContain(checkIns, c => c.PersonId == "e2");
        Assert.Equal(checkIns.Count, checkIns.Select(c => c.Key).Distinct().Count());
    }

    [Fact]
    public void Feedback_requests_then_reminders_only_to_those_who_have_not_answered()
    {
        var year = Year(Facts(null, ("m1", FeedbackStage.Midpoint)));
        Assert.Equal(3, year.Count(e => e.Kind == DueKind.FeedbackRequest && e.Stage == FeedbackStage.Midpoint && e.Day == new DateOnly(2027, 7, 1)));
        Assert.Equal(["e1", "m2"], year.Where(e => e.Kind == DueKind.FeedbackReminder && e.Stage == FeedbackStage.Midpoint).Select(e => e.PersonId).Order());
        Assert.All(year.Where(e => e.Kind == DueKind.FeedbackReminder), e => Assert.Contains(e.Day!.Value, new DateOnly[] { new(2027, 7, 8), new(2028, 2, 7) }));
    }

    [Fact]
    public void Lunch_invites_a_week_before_and_a_reminder_on_the_day_for_every_lunch_in_the_programme()
    {
        var year = Year(Facts());
        var invites = year.Where(e => e.Kind == DueKind.LunchInvite && e.PersonId == "e1").ToList();
        Assert.Equal(12, invites.Count);                                                   // Feb 2027 .. Jan 2028
        Assert.All(invites, i => Assert.Equal(i.LunchDate!.Value.AddDays(-7), i.Day!.Value));
        Assert.Equal(12, year.Count(e => e.Kind == DueKind.LunchReminder && e.PersonId == "e1"));
        Assert.DoesNotContain(year, e => e.PersonId == "e2" && e.Kind is DueKind.LunchInvite or DueKind.LunchReminder);
    }

    [Fact]
    public void An_outage_is_caught_up_within_the_window_but_never_for_a_lunch_already_past()
    {
        Assert.Equal([new(2027, 3, 3), new(2027, 3, 4), new(2027, 3, 5)], ProgrammeRhythm.DaysToProcess(new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 5), 7));
        Assert.Equal(7, ProgrammeRhythm.DaysToProcess(new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 5), 7).Count());
        Assert.Single(ProgrammeRhythm.DaysToProcess(null, new DateOnly(2027, 3, 5), 1));

        // The 2 March 2027 lunch (12:30 London): its invite day, 23 February, caught up on 2 March at 13:00 is skipped.
        var late = new DateTimeOffset(2027, 3, 2, 13, 0, 0, TimeSpan.Zero);
        Assert.DoesNotContain(ProgrammeRhythm.Due(Facts(), Settings, new DateOnly(2027, 2, 23), late), e => e.Kind == DueKind.LunchInvite);
        var early = new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Contains(ProgrammeRhythm.Due(Facts(), Settings, new DateOnly(2027, 2, 23), early), e => e.Kind == DueKind.LunchInvite);
    }

    [Fact]
    public void Local_times_follow_daylight_saving()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 2, 12, 30, 0, TimeSpan.Zero), ProgrammeRhythm.LocalInstant(new(2027, 3, 2), new(12, 30), London));
        Assert.Equal(new DateTimeOffset(2027, 4, 6, 11, 30, 0, TimeSpan.Zero), ProgrammeRhythm.LocalInstant(new(2027, 4, 6), new(12, 30), London));
        Assert.Equal(new DateOnly(2027, 6, 1), ProgrammeRhythm.LocalDate(new DateTimeOffset(2027, 5, 31, 23, 30, 0, TimeSpan.Zero), London));
    }
}
