namespace MentoringFunctions.Core.Rhythm;

/// <summary>
/// Works out which programme e-mails fall due on a calendar day in the cohort's time zone.
/// Pure: the adapter passes the facts and the instant; catching up after an outage is asking
/// again for each missed day (see <see cref="DaysToProcess"/>).
/// </summary>
public static class ProgrammeRhythm
{
    public static DateOnly LocalDate(DateTimeOffset instant, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);

    public static DateTimeOffset LocalInstant(DateOnly date, TimeOnly time, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The days after the last one processed, up to today, but no further back than the catch-up window.</summary>
    public static IEnumerable<DateOnly> DaysToProcess(DateOnly? lastProcessed, DateOnly today, int catchUpDays)
    {
        var first = today.AddDays(-Math.Max(0, catchUpDays - 1));
        if (lastProcessed is { } last && last.AddDays(1) > first) first = last.AddDays(1);
        for (var d = first; d <= today; d = d.AddDays(1)) yield return d;
    }

    /// <summary>
    /// The day a match's nudges and check-ins count from: pairs are often introduced weeks before the programme
    /// starts, and nobody should be chased about a first meeting (or checked in on) before it has begun.
    /// </summary>
    public static DateOnly NudgesFrom(ActiveMatch match, DateOnly programmeStart) =>
        match.IntroducedOn > programmeStart ? match.IntroducedOn : programmeStart;

    public static IEnumerable<DueEmail> Due(ProgrammeFacts facts, RhythmSettings settings, DateOnly day, DateTimeOffset now)
    {
        var people = facts.Matches.SelectMany(m => new[] { m.Mentor, m.Mentee }).DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var reachable = people.Where(p => !p.Unsubscribed).ToList();

        foreach (var m in facts.Matches)
        {
            var from = NudgesFrom(m, facts.ProgrammeStart);
            if (m.FirstMeetingOn is null && day == from.AddDays(settings.FirstMeetingNudgeDays))
                foreach (var p in new[] { m.Mentor, m.Mentee }.Where(p => !p.Unsubscribed))
                    yield return new DueEmail(DueKind.FirstMeetingNudge, $"first-meeting/{day:yyyy-MM-dd}/{m.Key}/{p.Id}", p.Email, p.Name, p.Id, m.Key, Day: day);
            if (m.FirstMeetingOn is null && day == from.AddDays(settings.FirstMeetingEscalationDays))
                foreach (var wg in facts.WorkingGroup)
                    yield return new DueEmail(DueKind.FirstMeetingEscalation, $"first-meeting-escalation/{day:yyyy-MM-dd}/{m.Key}/{wg}", wg, "", null, m.Key, Day: day);
            if (settings.CheckInEveryMonths > 0 && day <= facts.ProgrammeEnd)
                for (var k = settings.CheckInEveryMonths; from.AddMonths(k) <= day; k += settings.CheckInEveryMonths)
                    if (from.AddMonths(k) == day)
                        foreach (var p in new[] { m.Mentor, m.Mentee }.Where(p => !p.Unsubscribed))
                            yield return new DueEmail(DueKind.CheckIn, $"check-in/{day:yyyy-MM-dd}/{m.Key}/{p.Id}", p.Email, p.Name, p.Id, m.Key, Day: day);
        }

        foreach (var (stage, date) in new[] { (FeedbackStage.Midpoint, facts.Midpoint), (FeedbackStage.Final, facts.ProgrammeEnd) })
        {
            var slug = stage.ToString().ToLowerInvariant();
            if (day == date)
                foreach (var p in reachable)
                    yield return new DueEmail(DueKind.FeedbackRequest, $"feedback/{slug}/{p.Id}", p.Email, p.Name, p.Id, null, stage, Day: day);
            if (day == date.AddDays(settings.FeedbackReminderDays))
                foreach (var p in reachable.Where(p => !facts.Answered.Contains((p.Id, stage))))
                    yield return new DueEmail(DueKind.FeedbackReminder, $"feedback-reminder/{slug}/{p.Id}", p.Email, p.Name, p.Id, null, stage, Day: day);
        }

        var lunch = settings.Lunch;
        foreach (var lunchDate in lunch.Dates(facts.ProgrammeStart, facts.ProgrammeEnd))
        {
            // Never invite to, or remind of, a lunch that has already started (a late catch-up).
            if (LocalInstant(lunchDate, lunch.Start, facts.TimeZone) <= now) continue;
            if (day == lunchDate.AddDays(-lunch.InviteDaysBefore))
                foreach (var p in reachable)
                    yield return new DueEmail(DueKind.LunchInvite, $"lunch/{lunchDate:yyyy-MM-dd}/{p.Id}", p.Email, p.Name, p.Id, null, LunchDate: lunchDate, Day: day);
            if (lunch.ReminderOnTheDay && day == lunchDate)
                foreach (var p in reachable)
                    yield return new DueEmail(DueKind.LunchReminder, $"lunch-reminder/{lunchDate:yyyy-MM-dd}/{p.Id}", p.Email, p.Name, p.Id, null, LunchDate: lunchDate, Day: day);
        }

        if (day.DayOfWeek == settings.DigestDay && day >= facts.ProgrammeStart.AddDays(-60) && day <= facts.ProgrammeEnd.AddDays(14))
            foreach (var wg in facts.WorkingGroup)
                yield return new DueEmail(DueKind.Digest, $"digest/{day:yyyy-MM-dd}/{wg}", wg, "", null, null, Day: day);
    }
}
