using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Privacy;

public sealed record ExportedEmail(string Key, string Kind, string To, string Subject, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt, string Text, string Html, DateTimeOffset? BodyRemovedAt);

public sealed record ExportedApplication(Application Application, string Status, string Source, DateTimeOffset? ConsentedAt,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, int Version);

public sealed record ExportedChange(string Id, Application Proposed, string Status, DateTimeOffset ProposedAt,
    DateTimeOffset ExpiresAt);

/// <summary>A match from their side: the partner by name only (the partner's own data is not theirs to have).</summary>
public sealed record ExportedMatch(string Key, string TheirRole, string PartnerName, string SharedTopics, string Status,
    DateTimeOffset IntroducedAt, DateTimeOffset? EndedAt, string FirstMeetingOn, DateTimeOffset? LastCheckInAt,
    string LastCheckInAnswer);

/// <summary>Everything the app holds about one person in one cohort (a subject access request).</summary>
public sealed record PersonalDataExport(string Cohort, string PersonId, DateTimeOffset ExportedAt,
    ExportedApplication Application, IReadOnlyList<ExportedChange> PendingChanges, IReadOnlyList<ExportedMatch> Matches,
    IReadOnlyList<Feedback> Feedback, IReadOnlyList<Session> Hours, bool Unsubscribed, IReadOnlyList<ExportedEmail> Emails);

/// <summary>One person's data from every store; null when the cohort holds no such person (or only their erasure).</summary>
public sealed class ExportPersonalData(ApplicationRepository applications, PendingChangeRepository changes, MatchRunStore runs,
    ParticipationStore participation, PersonalDataTables tables, TimeProvider time)
{
    public async Task<PersonalDataExport?> ExportAsync(string cohort, string id, CancellationToken ct)
    {
        if ((await applications.ListAsync(cohort, ct)).FirstOrDefault(a => a.Id == id && a.Status != ApplicationStatus.Erased)
            is not { } a) return null;
        var matches = (await runs.ListMatchesAsync(cohort, ct)).Where(m => m.MentorId == id || m.MenteeId == id)
            .Select(m => new ExportedMatch(m.Key, m.MentorId == id ? "mentor" : "mentee",
                m.MentorId == id ? m.MenteeName : m.MentorName, m.SharedTopics, m.Status.ToString(), m.IntroducedAt, m.EndedAt,
                m.FirstMeetingOn, m.LastCheckInAt, m.LastCheckInAnswer)).ToList();
        return new PersonalDataExport(cohort, id, time.GetUtcNow(),
            new ExportedApplication(a.Application, a.Status.ToText(), a.Source, a.ConsentedAt, a.SubmittedAt, a.UpdatedAt,
                a.Version),
            (await changes.ListAsync(cohort, a.Email, ct)).Select(c => new ExportedChange(c.Id, c.Proposed, c.Status.ToString(),
                c.ProposedAt, c.ExpiresAt)).ToList(),
            matches,
            (await participation.FeedbackAsync(cohort, ct)).Where(f => f.PersonId == id).ToList(),
            (await participation.SessionsAsync(cohort, ct)).Where(s => s.MentorId == id).ToList(),
            (await participation.UnsubscribedAsync(cohort, ct)).Contains(id),
            await tables.EmailsToAsync(cohort, a.Email, ct));
    }
}
