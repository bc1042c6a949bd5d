using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;

namespace MentoringFunctions.Applications;

public sealed record ApplicationMail(string CohortName, string CohortId, string Name, string Role, string Email,
    IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, int Capacity, bool Updated, string Id,
    string Organisation, int YearsInSector, string Region, DateOnly ProgrammeStart);

/// <summary>Confirmation to the applicant; for a new application, a note to the working group.</summary>
public sealed class ApplicationEmails(EmailTemplates templates, Outbox outbox)
{
    public async Task QueueSubmissionEmailsAsync(Cohort cohort, Saved saved, CancellationToken ct)
    {
        var stored = saved.Application;
        var a = stored.Application;
        var model = new ApplicationMail(cohort.Name, cohort.Id, a.Name, a.Role.ToText(), a.Email, a.Offers, a.Seeks, a.Capacity,
            stored.Version > 1, a.Id, a.Organisation, a.YearsInSector, a.Region, cohort.ProgrammeStart);
        await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.ApplicationReceived, cohort.Id,
            EmailKinds.Key(EmailKind.ApplicationReceived, cohort.Id, a.Id, $"v{stored.Version}"), a.Email, a.Name, model),
            ct);
        if (stored.Version != 1 || !cohort.NotifyWorkingGroup) return;
        foreach (var member in cohort.WorkingGroupEmails)
            await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.NewApplication, cohort.Id,
                EmailKinds.Key(EmailKind.NewApplication, cohort.Id, a.Id, member), member, "", model), ct);
    }
}
