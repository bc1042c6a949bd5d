using MentoringFunctions.Core.Applications;
using static MentoringFunctions.Core.Reporting.Figures;

namespace MentoringFunctions.Core.Reporting;

public sealed record Quote(string Who, string Text);

/// <summary>One figure of the report: Value and Unit for the CSV, Shown for the page (a sum of money with its sign first).</summary>
public sealed record ReportFigure(string Section, string Name, string Value, string Unit, string? Display = null)
{
    public string Shown => Display ?? (Unit is "percent" or "people" or "pairs" ? Value : $"{Value} {Unit}");
}

/// <summary>
/// What a funder reads about one cohort. Retention: pairs still going (not ended, and neither person asked to end)
/// of all pairs introduced. Hours: per mentor, the larger of logged sessions and their latest feedback total.
/// Value: those hours at the hourly rate, when the scheme pays mentors (a rate was given).
/// </summary>
public sealed record ImpactFigures(
    string Cohort, string Name, DateOnly ProgrammeStart, int Applicants, int Mentors, int Mentees, int Both, int Withdrawn,
    int Pairs, int MenteesSeeking, int MenteesMatched, int PairsContinuing, int FirstMeetings,
    double MentorHours, int Sessions, decimal? HourlyRate, decimal? HoursValue,
    int Answers, double? AverageOverall, int Satisfied, int CarryOnYes, IReadOnlyList<Quote> Quotes)
{
    public double MatchedShare => Share(MenteesMatched, MenteesSeeking);
    public double Retention => Share(PairsContinuing, Pairs);
    public double FirstMeetingShare => Share(FirstMeetings, Pairs);
    public double SatisfiedShare => Share(Satisfied, Answers);
    public double CarryOnShare => Share(CarryOnYes, Answers);
    public string AverageOverallText => AverageOverall is { } a ? a.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "no answers yet";
}

public static class ImpactReport
{
    public static ImpactFigures Build(CohortFacts f, decimal? hourlyRate)
    {
        var active = Active(f).ToList();
        var seeking = active.Where(Seeks).ToList();
        var askedToEnd = f.Feedback.Where(x => x.WantsToEnd).Select(x => x.PersonId).ToHashSet();
        var continuing = f.Pairs.Count(p => !p.Ended && !askedToEnd.Contains(p.MentorId) && !askedToEnd.Contains(p.MenteeId));
        var hours = Math.Round(MentorHours(f).Values.Sum(), 1);
        var latest = Latest(f);
        var roles = f.Applicants.ToDictionary(a => a.Id, a => a.Role);
        var quotes = f.Feedback.Where(x => x.MayQuote && x.Comments.Length > 0).OrderBy(x => x.SubmittedAt)
            .Select(x => new Quote(Who(roles.GetValueOrDefault(x.PersonId)), x.Comments))
            .DistinctBy(q => q.Text).ToList();    // the same words at mid-point and at the end are quoted once
        return new ImpactFigures(f.Id, f.Name, f.ProgrammeStart, active.Count, active.Count(a => a.Role == Role.Mentor),
            active.Count(a => a.Role == Role.Mentee), active.Count(a => a.Role == Role.Both), f.Applicants.Count(a => !a.Active),
            f.Pairs.Count, seeking.Count, seeking.Count(a => f.Pairs.Any(p => p.MenteeId == a.Id)), continuing,
            f.Pairs.Count(p => p.FirstMeetingOn is not null), hours, f.Sessions.Count, hourlyRate,
            hourlyRate is { } rate ? Math.Round((decimal)hours * rate, 2) : null, latest.Count,
            latest.Count == 0 ? null : latest.Average(x => x.Overall), latest.Count(x => x.Overall >= 4),
            latest.Count(x => x.WantsToContinue), quotes);
    }

    private static string Who(Role? role) => role switch
    {
        Role.Mentor => "A mentor",
        Role.Mentee => "A mentee",
        Role.Both => "A participant who mentored and was mentored",
        null => "A participant",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role"),
    };

    /// <summary>The report's figures in order, for the CSV download.</summary>
    public static IReadOnlyList<ReportFigure> Rows(ImpactFigures r, string currency)
    {
        var rows = new List<ReportFigure>
        {
            new("Participation", "Participants", N(r.Applicants), "people"),
            new("Participation", "Mentors", N(r.Mentors), "people"),
            new("Participation", "Mentees", N(r.Mentees), "people"),
            new("Participation", "Mentored and mentoring", N(r.Both), "people"),
            new("Participation", "Withdrew", N(r.Withdrawn), "people"),
            new("Matches", "Pairs introduced", N(r.Pairs), "pairs"),
            new("Matches", "Mentees matched", N(r.MenteesMatched), "people"),
            new("Matches", "Mentees matched (share)", Percent(r.MatchedShare), "percent"),
            new("Matches", "First meetings confirmed", N(r.FirstMeetings), "pairs"),
            new("Matches", "First meetings confirmed (share)", Percent(r.FirstMeetingShare), "percent"),
            new("Retention", "Pairs continuing", N(r.PairsContinuing), "pairs"),
            new("Retention", "Retention", Percent(r.Retention), "percent"),
            new("Hours", "Mentoring hours", Number(r.MentorHours), "hours"),
            new("Hours", "Sessions logged", N(r.Sessions), "sessions"),
        };
        if (r.HoursValue is { } value)
        {
            foreach (var (name, amount) in new[] { ("Hourly rate", r.HourlyRate!.Value), ("Value of mentoring hours", value) })
            {
                var text = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                rows.Add(new("Hours", name, text, currency, currency + amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        rows.Add(new("Satisfaction", "Feedback answers", N(r.Answers), "people"));
        rows.Add(new("Satisfaction", "Average overall rating", r.AverageOverallText, "out of 5"));
        rows.Add(new("Satisfaction", "Rated 4 or 5 overall", Percent(r.SatisfiedShare), "percent"));
        rows.Add(new("Satisfaction", "Would carry on", Percent(r.CarryOnShare), "percent"));
        return rows;
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
