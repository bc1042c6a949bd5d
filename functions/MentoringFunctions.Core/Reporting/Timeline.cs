using System.Globalization;

namespace MentoringFunctions.Core.Reporting;

/// <summary>Figures over time: running totals by week (weeks start on Monday), hours by calendar month.</summary>
public static class Timeline
{
    public static Chart Applications(CohortFacts f)
    {
        var dates = f.Applicants.Select(a => a.SubmittedOn).ToList();
        // Applications stop when the form closes: the axis ends with the last one, not today.
        var (weeks, totals) = dates.Count == 0 ? (new List<string>(), new List<double>()) : Cumulative(dates, dates.Min(), dates.Max());
        return new Chart("applications", "Applications over time", totals.Count == 0 ? "No applications yet."
                : $"{totals[^1]} applications by the week of {weeks[^1]}, counted by the week they arrived.",
            ChartKind.Line, weeks, [new("Applications so far", totals)], "applications", new HashSet<string>());
    }

    public static Chart FirstMeetings(CohortFacts f)
    {
        var met = f.Pairs.Where(p => p.FirstMeetingOn is not null).Select(p => p.FirstMeetingOn!.Value).ToList();
        var (weeks, totals) = f.Pairs.Count == 0 ? (new List<string>(), new List<double>())
            : Cumulative(met, f.Pairs.Min(p => p.IntroducedOn), met.Append(f.Today).Max());
        return new Chart("first-meetings", "First meetings confirmed over time", $"{met.Count} of {f.Pairs.Count(p => !p.Ended)} " +
            "pairs have confirmed a first meeting, counted by the week they met.", ChartKind.Line, weeks,
            [new("Pairs met so far", totals)], "pairs", new HashSet<string>());
    }

    public static Chart Hours(CohortFacts f)
    {
        var months = f.Sessions.GroupBy(s => new DateOnly(s.Date.Year, s.Date.Month, 1)).OrderBy(g => g.Key).ToList();
        var total = f.Sessions.Sum(s => s.Minutes) / 60.0;
        return new Chart("hours", "Mentoring hours logged by month",
            $"{Figures.Number(total)} hours logged in {f.Sessions.Count} sessions.", ChartKind.Bars,
            months.Select(m => m.Key.ToString("MMM yyyy", CultureInfo.InvariantCulture)).ToList(),
            [new("Hours", months.Select(m => Math.Round(m.Sum(s => s.Minutes) / 60.0, 1)).ToList())], "hours", new HashSet<string>());
    }

    /// <summary>The weeks from the one holding <paramref name="from"/> to the one holding <paramref name="until"/>,
    /// with how many dates fall on or before each week's Sunday.</summary>
    internal static (List<string> Weeks, List<double> Totals) Cumulative(IReadOnlyList<DateOnly> dates, DateOnly from,
        DateOnly until)
    {
        var weeks = new List<string>();
        var totals = new List<double>();
        for (var w = Monday(from); w <= until; w = w.AddDays(7))
        {
            weeks.Add(w.ToString("d MMM", CultureInfo.InvariantCulture));
            totals.Add(dates.Count(d => d < w.AddDays(7)));
        }
        return (weeks, totals);
    }

    internal static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
}
