using static MentoringFunctions.Core.Reporting.Figures;

namespace MentoringFunctions.Core.Reporting;

public sealed record PairAtRisk(string Key, string MentorName, string MenteeName, IReadOnlyList<string> Reasons);

public sealed record DashboardFigures(IReadOnlyList<Chart> Charts, int MenteesSeeking, int MenteesMatched, double MatchedShare,
    int LivePairs, int CheckInsAnswered, double CheckInRate, IReadOnlyList<PairAtRisk> AtRisk, IReadOnlyList<string> Gaps);

/// <summary>The working group's dashboard for one cohort, computed from its facts alone.</summary>
public static class Dashboard
{
    public static DashboardFigures Build(CohortFacts f)
    {
        var seeking = Active(f).Where(Seeks).ToList();
        var live = f.Pairs.Where(p => !p.Ended).ToList();
        var matched = seeking.Count(a => live.Any(p => p.MenteeId == a.Id));
        var answered = live.Count(p => p.AnsweredCheckIn);
        var (bands, gaps) = BandChart(f);
        var charts = new List<Chart>
        {
            bands, RegionChart(f), Timeline.Applications(f),
            Share("matched", "Mentees matched", $"{matched} of {seeking.Count} mentees have a mentor.", "Matched", "Not matched",
                matched, seeking.Count - matched),
            Timeline.FirstMeetings(f),
            Share("checkins", "Check-in responses", $"{answered} of {live.Count} pairs have answered a check-in.",
                "Answered", "No answer yet", answered, live.Count - answered),
            Ratings(f), Timeline.Hours(f),
        };
        return new DashboardFigures(charts, seeking.Count, matched, Figures.Share(matched, seeking.Count), live.Count, answered,
            Figures.Share(answered, live.Count), AtRisk(f), gaps);
    }

    /// <summary>
    /// From each band's lower bound up: the mentees with at least that many years against the mentor places senior
    /// enough for all of them (MinYearsGap more years). Counted from the bound upwards because a senior mentor's places
    /// are wanted by every band below; a band is short when the first bar is higher, as in the pilot's 5-15-year gap.
    /// </summary>
    public static (Chart Chart, IReadOnlyList<string> Gaps) BandChart(CohortFacts f)
    {
        var mentees = Active(f).Where(Seeks).ToList();
        var mentors = Active(f).Where(Offers).ToList();
        var demand = new List<double>();
        var supply = new List<double>();
        var hot = new HashSet<string>();
        var gaps = new List<string>();
        foreach (var (from, to, name) in Bands)
        {
            var senior = mentors.Where(m => m.Years >= from + f.MinYearsGap).Sum(m => m.Capacity);
            var inBand = mentees.Count(e => e.Years >= from && e.Years <= to);
            var upwards = mentees.Count(e => e.Years >= from);
            demand.Add(upwards);
            supply.Add(senior);
            if (inBand > 0 && upwards > senior)
            {
                hot.Add($"{from}+");
                gaps.Add($"{name} years: {Text.Plural.Of(upwards, "mentee")} with {from}+ years, {Text.Plural.Of(senior, "mentor place")} with {from + f.MinYearsGap}+ years.");
            }
        }
        var description = gaps.Count == 0
            ? "Every experience band has enough senior mentor places."
            : "Short of senior mentors: " + string.Join(" ", gaps);
        return (new Chart("bands", "Mentees and senior mentor places by years in the sector", description, ChartKind.Bars,
            Bands.Select(b => $"{b.From}+").ToList(), [new("Mentees with this many years or more", demand),
                new("Mentor places senior to them", supply)], "years", hot), gaps);
    }

    public static Chart RegionChart(CohortFacts f)
    {
        var active = Active(f).ToList();
        var regions = active.Select(a => a.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var mentees = regions.Select(r => (double)active.Count(a => a.Region == r && Seeks(a))).ToList();
        var places = regions.Select(r => (double)active.Where(a => a.Region == r && Offers(a)).Sum(a => a.Capacity)).ToList();
        var hot = regions.Where((_, i) => mentees[i] > places[i]).ToHashSet();
        return new Chart("regions", "Mentees and mentor places by region",
            hot.Count == 0 ? "Every region has as many mentor places as mentees."
                : $"More mentees than mentor places in: {string.Join(", ", hot.Order(StringComparer.Ordinal))}.",
            ChartKind.Bars, regions, [new("Mentees", mentees), new("Mentor places", places)], "people", hot);
    }

    private static Chart Share(string id, string title, string description, string yes, string no, int a, int b) =>
        new(id, title, description, ChartKind.Bars, [yes, no], [new("Count", [a, b])], "count", new HashSet<string>());

    public static Chart Ratings(CohortFacts f)
    {
        var latest = Latest(f);
        var scores = Enumerable.Range(1, 5).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        IReadOnlyList<double> Count(Func<FeedbackFact, int> q) => Enumerable.Range(1, 5).Select(s => (double)latest.Count(x => q(x) == s)).ToList();
        return new Chart("ratings", "Feedback ratings (1 poor, 5 excellent)",
            $"Latest answers of {Text.Plural.Of(latest.Count, "person", "people")}: how many gave each rating, for each question.", ChartKind.Bars, scores,
            [new("Overall", Count(x => x.Overall)), new("Usefulness", Count(x => x.Usefulness)),
                new("Relationship", Count(x => x.Relationship))], "answers", new HashSet<string>());
    }

    /// <summary>Live pairs that have not met in time, asked for help or to end, or never answered a check-in.</summary>
    public static IReadOnlyList<PairAtRisk> AtRisk(CohortFacts f)
    {
        var list = new List<PairAtRisk>();
        foreach (var p in f.Pairs.Where(p => !p.Ended).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var days = f.Today.DayNumber - p.IntroducedOn.DayNumber;
            var answers = f.Feedback.Where(x => x.PersonId == p.MentorId || x.PersonId == p.MenteeId).ToList();
            var reasons = new List<string>();
            if (p.FirstMeetingOn is null && days >= f.NotMetAfterDays) reasons.Add($"Not met {days} days after the introduction");
            if (answers.Any(x => x.WantsHelp)) reasons.Add("Asked the working group for help");
            if (answers.Any(x => x.WantsToEnd)) reasons.Add("Asked to end the match");
            // The first check-in goes out a month after the introduction; a few days to answer it.
            if (!p.AnsweredCheckIn && days >= 35) reasons.Add("No answer to a check-in");
            if (reasons.Count > 0) list.Add(new PairAtRisk(p.Key, p.MentorName, p.MenteeName, reasons));
        }
        return list;
    }
}
