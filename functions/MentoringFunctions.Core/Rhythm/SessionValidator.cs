using System.Globalization;
using MentoringFunctions.Core.Validation;

namespace MentoringFunctions.Core.Rhythm;

/// <summary>A mentoring session as typed on the hours page: the date (yyyy-MM-dd) and its length in minutes.</summary>
public sealed record SessionInput(string? Date, string? Minutes);

public sealed record SessionEntry(DateOnly Date, int Minutes);

/// <summary>
/// Hours some schemes pay for: a session happened during the programme (from its start to its end, and
/// not in the future in the cohort's time zone) and lasted from 5 minutes to 8 hours.
/// </summary>
public static class SessionValidator
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 8 * 60;

    public static Validated<SessionEntry> Validate(SessionInput input, DateOnly programmeStart, DateOnly programmeEnd, DateOnly today)
    {
        var errors = new ValidationErrors();
        var last = today < programmeEnd ? today : programmeEnd;
        if (!DateOnly.TryParseExact(input.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            errors.Add("date", "Enter the date of the session as yyyy-MM-dd.");
        else if (day < programmeStart || day > last)
            errors.Add("date", last < programmeStart
                ? $"Sessions can be logged from the programme's start on {programmeStart:d MMMM yyyy}."
                : $"Enter a date from {programmeStart:d MMMM yyyy} to {last:d MMMM yyyy}: during the programme, and not in the future.");
        if (!int.TryParse(input.Minutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes is < MinMinutes or > MaxMinutes)
            errors.Add("minutes", $"Enter the session's length in minutes, from {MinMinutes} to {MaxMinutes} (8 hours).");
        return errors.IsEmpty ? Validated<SessionEntry>.Ok(new SessionEntry(day, minutes)) : Validated<SessionEntry>.Fail(errors);
    }
}
