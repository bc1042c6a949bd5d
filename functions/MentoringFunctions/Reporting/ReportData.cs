using System.Globalization;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Core.Reporting;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using Schedule = MentoringFunctions.Core.Rhythm.ProgrammeRhythm;

namespace MentoringFunctions.Reporting;

/// <summary>Reads a cohort's stores once into the facts the pure report figures are computed from.</summary>
public sealed class ReportData(CohortRepository cohorts, ApplicationRepository applications, MatchRunStore runs,
    ParticipationStore participation, TimeProvider time)
{
    public async Task<(Cohort Cohort, CohortFacts Facts)?> LoadAsync(string cohortId, CancellationToken ct) =>
        await cohorts.GetAsync(cohortId, ct) is { Cohort: var cohort } ? (cohort, await FactsAsync(cohort, ct)) : null;

    /// <summary>The cohorts of the same network (<see cref="Figures.NetworkStem"/>), this one included, oldest first.</summary>
    public async Task<IReadOnlyList<CohortFacts>> NetworkAsync(Cohort cohort, CancellationToken ct)
    {
        var stem = Figures.NetworkStem(cohort.Name);
        var list = new List<CohortFacts>();
        foreach (var c in (await cohorts.ListAsync(ct)).Where(c => Figures.NetworkStem(c.Name) == stem).OrderBy(c => c.ProgrammeStart))
            list.Add(await FactsAsync(c, ct));
        return list;
    }

    private async Task<CohortFacts> FactsAsync(Cohort cohort, CancellationToken ct)
    {
        DateOnly Local(DateTimeOffset at) => Schedule.LocalDate(at, cohort.TimeZone);
        var apps = (await applications.ListAsync(cohort.Id, ct)).Select(a => new ApplicantFact(a.Id, a.Role, a.YearsInSector, a.Region,
            a.Application.Capacity, Local(a.SubmittedAt), a.Status switch
            {
                // An erased person keeps their place in the figures, as an anonymous record.
                ApplicationStatus.Active or ApplicationStatus.Erased => true,
                ApplicationStatus.Withdrawn => false,
                _ => throw new InvalidOperationException($"Unknown application status {a.Status}"),
            })).ToList();
        var pairs = (await runs.ListMatchesAsync(cohort.Id, ct)).Where(Counts).Select(m => new PairFact(m.Key, m.MentorId,
            m.MenteeId, m.MentorName, m.MenteeName, Local(m.IntroducedAt),
            DateOnly.TryParseExact(m.FirstMeetingOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var met)
                ? met : null, m.LastCheckInAt is not null, m.EndedAt is not null)).ToList();
        var feedback = (await participation.FeedbackAsync(cohort.Id, ct)).Select(f => new FeedbackFact(f.PersonId, f.Stage,
            f.Overall, f.Usefulness, f.Relationship, f.HoursSpent, f.WantsToContinue, f.WantsHelp, f.WantsToEnd, f.Comments,
            f.MayQuote, f.SubmittedAt)).ToList();
        var sessions = (await participation.SessionsAsync(cohort.Id, ct))
            .Select(s => new SessionFact(s.MentorId, s.MatchKey, s.Date, s.Minutes)).ToList();
        return new CohortFacts(cohort.Id, cohort.Name, cohort.ProgrammeStart, cohort.Today(time.GetUtcNow()),
            MatchSettings.Default.Rules.MinYearsGap, cohort.Rhythm.FirstMeetingNudgeDays, apps, pairs, feedback, sessions);
    }

    /// <summary>
    /// A pair withdrawn with its run never started: it is history, not part of the programme's figures. An ended pair
    /// did take part (its EndedAt marks it ended).
    /// </summary>
    private static bool Counts(PublishedMatch m) => m.Status switch
    {
        MatchStatus.Introduced or MatchStatus.Ended => true,
        MatchStatus.Withdrawn => false,
        _ => throw new InvalidOperationException($"Unknown match status {m.Status}"),
    };
}
