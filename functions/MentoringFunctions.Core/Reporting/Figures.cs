using System.Globalization;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Reporting;

/// <summary>Shared definitions, so the dashboard, the report and its CSV count people the same way.</summary>
public static class Figures
{
    public static readonly (int From, int To, string Name)[] Bands = Matching.SupplyDemandSummary.Bands;

    public static string Number(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    public static IEnumerable<ApplicantFact> Active(CohortFacts f) => f.Applicants.Where(a => a.Active);

    public static bool Seeks(ApplicantFact a) => a.Role is Role.Mentee or Role.Both;

    public static bool Offers(ApplicantFact a) => a.Role is Role.Mentor or Role.Both;

    /// <summary>A mentor's hours: the larger of what they logged and the latest total they reported in feedback, never both.</summary>
    public static IReadOnlyDictionary<string, double> MentorHours(CohortFacts f)
    {
        var mentors = f.Pairs.Select(p => p.MentorId).Concat(f.Sessions.Select(s => s.MentorId)).ToHashSet();
        return mentors.Order(StringComparer.Ordinal).ToDictionary(m => m, m => Math.Max(
            f.Sessions.Where(s => s.MentorId == m).Sum(s => s.Minutes) / 60.0,
            f.Feedback.Where(x => x.PersonId == m).OrderBy(x => x.SubmittedAt).Select(x => x.HoursSpent).LastOrDefault()));
    }

    /// <summary>Each person's latest answer: a final answer replaces their mid-point one in satisfaction figures.</summary>
    public static IReadOnlyList<FeedbackFact> Latest(CohortFacts f) =>
        f.Feedback.GroupBy(x => x.PersonId).Select(g => g.OrderBy(x => x.SubmittedAt).Last()).ToList();

    /// <summary>
    /// The network a cohort belongs to: its name without a trailing year ("Heat Exchanger 2027", "Heat Exchanger
    /// 2026/27" → "heat exchanger"), case and spacing ignored. Cohorts with the same stem are compared year on year.
    /// </summary>
    public static string NetworkStem(string name)
    {
        var words = name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && IsYear(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words).ToLowerInvariant();
    }

    private static bool IsYear(string word) =>
        word.Length >= 4 && word[..4].All(char.IsAsciiDigit) && word[4..].All(c => char.IsAsciiDigit(c) || c is '/' or '-');
}
