using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Core.Text;
using Schedule = MentoringFunctions.Core.Rhythm.ProgrammeRhythm;

namespace MentoringFunctions.Rhythm;

/// <summary>A digest heading's count and its lines; the count is of the things, never of the (capped) lines.</summary>
public sealed record DigestSection(int Count, IReadOnlyList<string> Items);

public sealed record DigestMail(string CohortName, DateOnly Day, DigestSection NewApplications, DigestSection Feedback,
    DigestSection AtRisk);

/// <summary>
/// The working group's weekly digest for one digest day. The week is the seven local days before it (midnight to
/// midnight in the cohort's time zone), so consecutive digests neither overlap nor leave a gap, and a digest caught
/// up after an outage covers its own week, not the week before the catch-up. Pairs at risk are counted as pairs:
/// one line per active pair with every reason, never a line per reason.
/// </summary>
public static class WeeklyDigest
{
    public static DigestMail Build(Cohort cohort, DateOnly day, IReadOnlyList<CohortApplication> applications,
        IReadOnlyList<Feedback> feedback, IReadOnlyList<ActiveMatch> matches)
    {
        var from = Schedule.LocalInstant(day.AddDays(-7), TimeOnly.MinValue, cohort.TimeZone);
        var to = Schedule.LocalInstant(day, TimeOnly.MinValue, cohort.TimeZone);
        bool InWeek(DateTimeOffset at) => at >= from && at < to;
        var names = matches.SelectMany(m => new[] { m.Mentor, m.Mentee }).Select(p => (p.Id, p.Name))
            .Concat(applications.Select(a => (a.Id, a.Name)))
            .GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        string Name(string id) => names.GetValueOrDefault(id, id);

        var fresh = applications.Where(a => a.Status == ApplicationStatus.Active && InWeek(a.SubmittedAt))
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => $"{a.Name} ({a.Role.ToText()}, {Plural.Of(a.YearsInSector, "year")} in the sector, {a.Region})").ToList();
        var recent = feedback.Where(f => InWeek(f.SubmittedAt)).OrderBy(f => f.SubmittedAt)
            .Select(f => $"{Name(f.PersonId)}: {StageText(f.Stage)}, overall {f.Overall}/5").ToList();

        var byPerson = feedback.ToLookup(f => f.PersonId, StringComparer.Ordinal);
        var atRisk = new List<string>();
        foreach (var m in matches.OrderBy(m => m.Mentor.Name, StringComparer.Ordinal).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            var reasons = new List<string>();
            if (m.FirstMeetingOn is null && m.IntroducedOn.AddDays(cohort.Rhythm.FirstMeetingNudgeDays) <= day)
                reasons.Add("no first meeting yet");
            foreach (var person in new[] { m.Mentor, m.Mentee })
                // Feedback names its match; an answer from a link that covered several pairs names none and counts for each.
                foreach (var f in byPerson[person.Id].Where(f => f.MatchKey.Length == 0 || f.MatchKey == m.Key))
                {
                    if (f.WantsToEnd) reasons.Add($"{person.Name} asked to end the match");
                    if (f.WantsHelp) reasons.Add($"{person.Name} asked the working group for help");
                    if (f.Overall is > 0 and <= 2) reasons.Add($"{person.Name} rated it {f.Overall}/5 ({StageText(f.Stage)})");
                }
            if (reasons.Count > 0) atRisk.Add($"{m.Mentor.Name} and {m.Mentee.Name}: {string.Join("; ", reasons)}");
        }
        return new DigestMail(cohort.Name, day, Section(fresh), Section(recent), Section(atRisk));
    }

    private static DigestSection Section(List<string> items) => new(items.Count, RhythmPass.Cap(items));

    private static string StageText(string stage) => ParticipationStore.ParseStage(stage) switch
    {
        FeedbackStage.Midpoint => "mid-point feedback",
        FeedbackStage.Final => "end-of-programme feedback",
        FeedbackStage.AdHoc => "a note between stages",
        null => stage,
        var other => throw new ArgumentOutOfRangeException(nameof(stage), other, "A feedback stage the digest cannot name."),
    };
}
