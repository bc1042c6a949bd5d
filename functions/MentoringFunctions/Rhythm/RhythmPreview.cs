using System.Globalization;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;

namespace MentoringFunctions.Rhythm;

/// <summary>One e-mail the rhythm would send: to whom (name, and address), its subject.</summary>
public sealed record PreviewEmail(string To, string ToEmail, string Subject);

/// <summary>The e-mails of one kind the rhythm would send on the date.</summary>
public sealed record PreviewKind(string Kind, IReadOnlyList<PreviewEmail> Emails);

/// <summary>The preview page: the cohort, the date asked for, and what the timer would send then (or why nothing).</summary>
public sealed record RhythmPreviewPage(string Title, Cohort Cohort, string Date, string Previous, string Next,
    IReadOnlyDictionary<string, string> Errors, string Note, IReadOnlyList<PreviewKind> Kinds, int Total);

/// <summary>
/// What the daily timer would send for a cohort on a date, without sending or writing anything: the timer's own
/// <see cref="RhythmPass.PlanAsync"/>, asked for that one day at the timer's hour, so the preview cannot drift from
/// what is sent. It reads today's pairs, answers and unsubscribes, so a date ahead assumes nothing changes until then.
/// </summary>
public sealed class RhythmPreview(CohortRepository cohorts, RhythmPass pass, TimeProvider time)
{
    /// <summary>The timer's hour (its NCRONTAB schedule is 08:00 UTC): lunches that have started by then are skipped.</summary>
    public static readonly TimeOnly TimerTime = new(8, 0);

    public async Task<RhythmPreviewPage?> BuildAsync(string cohortId, string? date, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohortId, ct) is not { Cohort: var cohort }) return null;
        var today = Core.Rhythm.ProgrammeRhythm.LocalDate(time.GetUtcNow(), cohort.TimeZone);
        if (string.IsNullOrEmpty(date)) return await PreviewAsync(cohort, today, ct);
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Page(cohort, date, new Dictionary<string, string> { ["date"] = "Enter a date as YYYY-MM-DD, e.g. 2027-03-01." },
                "", []);
        return await PreviewAsync(cohort, day, ct);
    }

    private async Task<RhythmPreviewPage> PreviewAsync(Cohort cohort, DateOnly day, CancellationToken ct)
    {
        var at = new DateTimeOffset(day.ToDateTime(TimerTime), TimeSpan.Zero);
        var plan = await pass.PlanAsync(cohort, at, [day], ct);
        if (plan is null)
            return Page(cohort, Text(day), new Dictionary<string, string>(),
                "This date is outside the cohort's rhythm window (60 days before the programme starts to 21 days after it ends).", []);
        var kinds = plan.Messages.GroupBy(m => m.Kind)
            .Select(g => new PreviewKind(g.Key, g.OrderBy(m => m.ToName, StringComparer.CurrentCulture)
                .ThenBy(m => m.ToEmail, StringComparer.Ordinal)
                .Select(m => new PreviewEmail(m.ToName.Length > 0 ? m.ToName : m.ToEmail, m.ToEmail, m.Subject)).ToList()))
            .OrderBy(k => k.Kind, StringComparer.Ordinal).ToList();
        return Page(cohort, Text(day), new Dictionary<string, string>(),
            kinds.Count == 0 ? "Nothing is due on this date." : "", kinds);
    }

    private static RhythmPreviewPage Page(Cohort cohort, string date, IReadOnlyDictionary<string, string> errors,
        string note, IReadOnlyList<PreviewKind> kinds)
    {
        DateOnly? day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var d) ? d : null;
        return new RhythmPreviewPage(
            $"{(errors.Count > 0 ? "Error: " : "")}What the rhythm sends on {date}: {cohort.Name}", cohort, date,
            day is { } p ? Text(p.AddDays(-1)) : "", day is { } n ? Text(n.AddDays(1)) : "",
            errors, note, kinds, kinds.Sum(k => k.Emails.Count));
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
