using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;

namespace MentoringFunctions.Matching;

public sealed record Partner(string Name, string Email, string Organisation, int YearsInSector, string Region, IReadOnlyList<string> SharedTopics);

public sealed record IntroductionMail(string CohortName, string Name, Partner? Mentor, IReadOnlyList<Partner> Mentees,
    bool WantedMentor, DateOnly ProgrammeStart, DateOnly Midpoint, DateOnly ProgrammeEnd);

public sealed record NotMatchedMail(string CohortName, string Name, bool WantedMentor, bool OfferedMentoring, DateOnly ProgrammeStart);

/// <summary>
/// One e-mail per person per published run, whatever sides they were matched on (a "both"
/// applicant hears about their mentor and their mentees together). Keys name cohort, run and
/// person, so publishing again queues nothing new.
/// </summary>
public sealed class MatchEmails(EmailTemplates templates, Outbox outbox)
{
    public async Task<int> QueueAsync(Cohort cohort, string runId, IReadOnlyList<PublishedMatch> matches,
        IReadOnlyDictionary<string, ApplicantSnapshot> applicants, IReadOnlyList<string> recipients, CancellationToken ct)
    {
        var queued = 0;
        Partner Describe(ApplicantSnapshot a, string shared) => new(a.Name, a.Email, a.Organisation, a.YearsInSector, a.Region,
            shared.Split(';', StringSplitOptions.RemoveEmptyEntries));
        foreach (var person in recipients.Order(StringComparer.Ordinal).Select(id => applicants[id]))
        {
            var asMentee = matches.FirstOrDefault(m => m.MenteeId == person.Id);
            var asMentor = matches.Where(m => m.MentorId == person.Id).OrderBy(m => m.MenteeId, StringComparer.Ordinal).ToList();
            var wantedMentor = person.Role is Role.Mentee or Role.Both;
            var offered = person.Role is Role.Mentor or Role.Both;
            EmailMessage message;
            if (asMentee is null && asMentor.Count == 0)
                message = await templates.ComposeAsync(EmailKind.NotMatched, cohort.Id,
                    EmailKinds.Key(EmailKind.NotMatched, cohort.Id, runId, person.Id), person.Email, person.Name,
                    new NotMatchedMail(cohort.Name, person.Name, wantedMentor, offered, cohort.ProgrammeStart));
            else
                message = await templates.ComposeAsync(EmailKind.Introduction, cohort.Id,
                    EmailKinds.Key(EmailKind.Introduction, cohort.Id, runId, person.Id), person.Email, person.Name,
                    new IntroductionMail(cohort.Name, person.Name,
                        asMentee is null ? null : Describe(applicants[asMentee.MentorId], asMentee.SharedTopics),
                        asMentor.Select(m => Describe(applicants[m.MenteeId], m.SharedTopics)).ToList(),
                        wantedMentor, cohort.ProgrammeStart, cohort.Midpoint, cohort.ProgrammeEnd));
            if (await outbox.EnqueueAsync(message, ct)) queued++;
        }
        return queued;
    }
}
