using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Email;

namespace MentoringFunctions.Matching;

public sealed record Partner(string Name, string Email, string Organisation, int YearsInSector, string Region, IReadOnlyList<string> SharedTopics);

/// <summary>
/// An introduction. NoMentorReason says, in the person's words, why someone who asked for a mentor has none
/// (a "both" applicant matched only as a mentor); empty otherwise.
/// </summary>
public sealed record IntroductionMail(string CohortName, string Name, Partner? Mentor, IReadOnlyList<Partner> Mentees,
    bool WantedMentor, DateOnly ProgrammeStart, DateOnly Midpoint, DateOnly ProgrammeEnd, bool Both = false,
    string NoMentorReason = "");

/// <summary>Not matched: the person's own reasons, for each side they applied for.</summary>
public sealed record NotMatchedMail(string CohortName, string Name, bool WantedMentor, bool OfferedMentoring, DateOnly ProgrammeStart,
    string NoMentorReason = "", string NoMenteeReason = "", bool WorkingGroupReplies = false);

/// <summary>
/// One e-mail per person per published run, whatever sides they were matched on (a "both"
/// applicant hears about their mentor and their mentees together). Keys name cohort, run and
/// person, so publishing again queues nothing new. A reply to an introduction reaches the partner(s);
/// a reply to a waiting-list note reaches the working group.
/// </summary>
public sealed class MatchEmails(EmailTemplates templates, Outbox outbox)
{
    public async Task<int> QueueAsync(Cohort cohort, string runId, IReadOnlyList<PublishedMatch> matches,
        IReadOnlyDictionary<string, ApplicantSnapshot> applicants, IReadOnlyList<string> recipients, MatchRunResult result,
        CancellationToken ct)
    {
        var queued = 0;
        var unmatched = result.Unmatched.ToDictionary(u => u.MenteeId, StringComparer.Ordinal);
        Partner Describe(ApplicantSnapshot a, string shared) => new(a.Name, a.Email, a.Organisation, a.YearsInSector, a.Region,
            shared.Split(';', StringSplitOptions.RemoveEmptyEntries));
        foreach (var person in recipients.Order(StringComparer.Ordinal).Select(id => applicants[id]))
        {
            var asMentee = matches.FirstOrDefault(m => m.MenteeId == person.Id);
            var asMentor = matches.Where(m => m.MentorId == person.Id).OrderBy(m => m.MenteeId, StringComparer.Ordinal).ToList();
            var wantedMentor = person.Role is Role.Mentee or Role.Both;
            var offered = person.Role is Role.Mentor or Role.Both;
            var noMentor = wantedMentor && asMentee is null && unmatched.TryGetValue(person.Id, out var why)
                ? PersonalReasons.WhyNoMentor(why) : "";
            EmailMessage message;
            if (asMentee is null && asMentor.Count == 0)
                message = await templates.ComposeAsync(EmailKind.NotMatched, cohort.Id,
                    EmailKinds.Key(EmailKind.NotMatched, cohort.Id, runId, person.Id), person.Email, person.Name,
                    new NotMatchedMail(cohort.Name, person.Name, wantedMentor, offered, cohort.ProgrammeStart, noMentor,
                        offered ? PersonalReasons.WhyNoMentee(result.Summary) : "", cohort.WorkingGroupEmails.Count > 0),
                    ReplyTo.Headers(cohort.WorkingGroupEmails));
            else
            {
                var partners = (asMentee is null ? [] : new[] { applicants[asMentee.MentorId].Email })
                    .Concat(asMentor.Select(m => applicants[m.MenteeId].Email));
                message = await templates.ComposeAsync(EmailKind.Introduction, cohort.Id,
                    EmailKinds.Key(EmailKind.Introduction, cohort.Id, runId, person.Id), person.Email, person.Name,
                    new IntroductionMail(cohort.Name, person.Name,
                        asMentee is null ? null : Describe(applicants[asMentee.MentorId], asMentee.SharedTopics),
                        asMentor.Select(m => Describe(applicants[m.MenteeId], m.SharedTopics)).ToList(),
                        wantedMentor, cohort.ProgrammeStart, cohort.Midpoint, cohort.ProgrammeEnd, person.Role == Role.Both,
                        noMentor), ReplyTo.Headers(partners));
            }
            if (await outbox.EnqueueAsync(message, ct)) queued++;
        }
        return queued;
    }
}
