using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace MentoringFunctions.Rhythm;

/// <summary>The .ics invite for one virtual lunch, in the cohort's time zone (so calendars move it correctly across DST).</summary>
public static class LunchCalendar
{
    public static string Create(string cohortId, string cohortName, DateOnly date, TimeOnly start, TimeOnly end, string timeZone, string joinUrl)
    {
        var calendar = new Calendar { Method = "PUBLISH" };
        calendar.AddTimeZone(timeZone);
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"lunch-{cohortId}-{date:yyyyMMdd}@mentoring-functions",
            Summary = $"{cohortName}: virtual lunch",
            Description = string.IsNullOrEmpty(joinUrl) ? "Bring your lunch and meet the other pairs." : $"Join: {joinUrl}",
            Location = joinUrl,
            Start = new CalDateTime(date.ToDateTime(start), timeZone),
            End = new CalDateTime(date.ToDateTime(end), timeZone),
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
