using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Privacy;

/// <summary>Settings of personal data, section "Privacy".</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Months after a programme ends that its people's personal data is kept; then it is anonymised.</summary>
    public int RetentionMonths { get; set; } = 12;

    /// <summary>Who answers privacy requests when a cohort names no working group (the notice shows it).</summary>
    public string ContactEmail { get; set; } = "";

    public static DateOnly AnonymiseOn(Cohort cohort, int months) => cohort.ProgrammeEnd.AddMonths(months);
}

public sealed record RetentionWarningMail(string CohortId, string CohortName, DateOnly ProgrammeEnd, DateOnly AnonymiseOn,
    int Months, int People);

/// <summary>
/// The daily retention pass. A cohort whose programme ended more than the retention ago is anonymised, everyone still
/// named in it at once; in the month before, the working group is warned once a week on its digest day. Idempotent:
/// erased people are not found again, and each warning has its day in its key.
/// </summary>
public sealed class PersonalDataRetention(CohortRepository cohorts, ApplicationRepository applications,
    ErasePersonalData erase, IPersonalDataAudit audit, EmailTemplates templates, Outbox outbox,
    IOptions<PrivacyOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        var logs = new List<string>();
        var months = options.Value.RetentionMonths;
        foreach (var cohort in await cohorts.ListAsync(ct))
        {
            var today = cohort.Today(time.GetUtcNow());
            var due = PrivacyOptions.AnonymiseOn(cohort, months);
            if (today < due.AddMonths(-1)) continue;
            var named = (await applications.ListAsync(cohort.Id, ct)).Where(a => a.Status != ApplicationStatus.Erased).ToList();
            if (named.Count == 0) continue;
            if (today >= due)
            {
                await erase.EraseManyAsync(cohort.Id, named, ct);
                await audit.RecordAsync(new PrivacyAuditEntry(cohort.Id, "retention", "anonymise",
                    named.Select(a => a.Id).ToList(), time.GetUtcNow(),
                    $"{months} months after the programme ended on {cohort.ProgrammeEnd:yyyy-MM-dd}."), ct);
                logs.Add($"{cohort.Id}: anonymised {named.Count} people");
            }
            else if (today.DayOfWeek == cohort.Rhythm.DigestDay)
            {
                var model = new RetentionWarningMail(cohort.Id, cohort.Name, cohort.ProgrammeEnd, due, months, named.Count);
                foreach (var member in cohort.WorkingGroupEmails)
                    await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.RetentionWarning, cohort.Id,
                        EmailKinds.Key(EmailKind.RetentionWarning, cohort.Id, today.ToString("yyyy-MM-dd"), member), member, "",
                        model), ct);
                logs.Add($"{cohort.Id}: warned the working group of anonymisation on {due:yyyy-MM-dd}");
            }
        }
        return logs;
    }
}
