using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Applications;

public sealed record ApplicationMail(string CohortName, string CohortId, string Name, string Role, string Email,
    IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, int Capacity, bool Updated, string Id,
    string Organisation, int YearsInSector, string Region, DateOnly ProgrammeStart, string ChangeUrl = "");

/// <summary>The link that confirms a change, to the address on file, greeting the name on file (not the proposal's).</summary>
public sealed record ApplicationChangeMail(string CohortName, string Name, IReadOnlyList<ChangedField> Changes,
    bool Reopens, string ConfirmUrl, string ExpiresOn);

/// <summary>Confirmation to the applicant; for a new application, a note to the working group.</summary>
public sealed class ApplicationEmails(EmailTemplates templates, Outbox outbox, LinkTokens tokens, EmailOptions options,
    TimeProvider time, ChangeLinks changeLinks)
{
    public async Task QueueSubmissionEmailsAsync(Cohort cohort, CohortApplication stored, CancellationToken ct)
    {
        var a = stored.Application;
        var model = new ApplicationMail(cohort.Name, cohort.Id, a.Name, a.Role.ToText(), a.Email, a.Offers, a.Seeks, a.Capacity,
            stored.Version > 1, a.Id, a.Organisation, a.YearsInSector, a.Region, cohort.ProgrammeStart,
            changeLinks.UrlFor(cohort.Id, a.Email));
        var messages = new List<EmailMessage>
        {
            await templates.ComposeAsync(EmailKind.ApplicationReceived, cohort.Id,
                EmailKinds.Key(EmailKind.ApplicationReceived, cohort.Id, a.Id, $"v{stored.Version}"), a.Email, a.Name, model),
        };
        if (stored.Version == 1 && cohort.NotifyWorkingGroup)
            foreach (var member in cohort.WorkingGroupEmails)
                messages.Add(await templates.ComposeAsync(EmailKind.NewApplication, cohort.Id,
                    EmailKinds.Key(EmailKind.NewApplication, cohort.Id, a.Id, member), member, "", model));
        // One at a time, the applicant's first: queued side by side, the slowest answers were no faster under load
        // (docs/benchmarks.md, Intake), and more connections to storage were open at once.
        foreach (var message in messages) await outbox.EnqueueAsync(message, ct);
    }

    /// <summary>
    /// One e-mail per pending change (its key is the change's), with a link that expires with the change; a
    /// <paramref name="resend"/> above 0 is the same link sent again, under a key of its own.
    /// </summary>
    public async Task QueueChangeEmailAsync(Cohort cohort, CohortApplication existing, PendingChange change,
        IReadOnlyList<ChangedField> changes, int resend, CancellationToken ct)
    {
        var token = tokens.Issue(cohort.Id, existing.Email, change.Id, ApplicationChanges.Purpose,
            change.ExpiresAt - time.GetUtcNow());
        var url = $"{options.PublicBaseUrl.TrimEnd('/')}/p/confirm-change?t={token}";
        var model = new ApplicationChangeMail(cohort.Name, existing.Name, changes, change.Reopens, url,
            change.ExpiresAt.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.ApplicationChange, cohort.Id,
            resend == 0
                ? EmailKinds.Key(EmailKind.ApplicationChange, cohort.Id, existing.Id, change.Id)
                : EmailKinds.Key(EmailKind.ApplicationChange, cohort.Id, existing.Id, change.Id, $"again-{resend}"),
            existing.Email, existing.Name,
            model), ct);
    }
}
