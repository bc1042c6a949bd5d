namespace MentoringFunctions.Core.Rhythm;

/// <summary>
/// A cohort's virtual lunches: the Nth weekday of each month (Nth = -1 for the last), from Start
/// to End in the cohort's time zone, with a join link. Invites go InviteDaysBefore; a reminder on the day.
/// </summary>
public sealed record LunchSchedule
{
    public bool Enabled { get; init; } = true;
    public DayOfWeek Weekday { get; init; } = DayOfWeek.Tuesday;
    public int Nth { get; init; } = 1;
    public TimeOnly Start { get; init; } = new(12, 30);
    public TimeOnly End { get; init; } = new(13, 15);
    public string JoinUrl { get; init; } = "";
    public int InviteDaysBefore { get; init; } = 7;
    public bool ReminderOnTheDay { get; init; } = true;

    /// <summary>Lunch dates from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public IEnumerable<DateOnly> Dates(DateOnly from, DateOnly to)
    {
        if (!Enabled || Nth == 0 || Nth < -1 || Nth > 5) yield break;
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
            if (Occurrence(month.Year, month.Month) is { } date && date >= from && date <= to)
                yield return date;
    }

    private DateOnly? Occurrence(int year, int month)
    {
        if (Nth == -1)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)Weekday + 7) % 7));
        }
        var first = new DateOnly(year, month, 1);
        var date = first.AddDays(((int)Weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (Nth - 1));
        return date.Month == month ? date : null;
    }
}

/// <summary>When the programme's e-mails are due. Every number is per cohort; these are the defaults.</summary>
public sealed record RhythmSettings
{
    /// <summary>Nudge both people this many days after introduction if no first meeting is confirmed.</summary>
    public int FirstMeetingNudgeDays { get; init; } = 14;
    /// <summary>Tell the working group this many days after introduction if still no first meeting.</summary>
    public int FirstMeetingEscalationDays { get; init; } = 28;
    /// <summary>A check-in nudge every this many months after introduction (0 turns them off).</summary>
    public int CheckInEveryMonths { get; init; } = 1;
    public int FeedbackReminderDays { get; init; } = 7;
    public DayOfWeek DigestDay { get; init; } = DayOfWeek.Monday;
    /// <summary>Days a missed timer run is caught up (an outage); older days are skipped.</summary>
    public int CatchUpDays { get; init; } = 7;
    public LunchSchedule Lunch { get; init; } = new();
}
