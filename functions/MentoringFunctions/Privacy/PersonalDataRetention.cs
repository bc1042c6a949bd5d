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
    /// <summary>Who the audit log says anonymised: no member pressed anything, the daily timer did.</summary>
    public const string Actor = "retention timer";

    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        var logs = new List<string>();
        foreach (var cohort in await cohorts.ListAsync(ct))
            if (await RunCohortAsync(cohort, ct) is { } done) logs.Add($"{cohort.Id}: {done}");
        return logs;
    }

    /// <summary>What the pass did for one cohort: anonymised, warned, or null for nothing due.</summary>
    public async Task<string?> RunCohortAsync(Cohort cohort, CancellationToken ct)
    {
        var months = options.Value.RetentionMonths;
        var today = cohort.Today(time.GetUtcNow());
        var due = PrivacyOptions.AnonymiseOn(cohort, months);
        if (today < due.AddMonths(-1)) return null;
        var named = (await applications.ListAsync(cohort.Id, ct)).Where(a => a.Status != ApplicationStatus.Erased).ToList();
        if (named.Count == 0) return null;
        if (today >= due)
        {
            await erase.EraseManyAsync(cohort.Id, named, ct);
            await audit.RecordAsync(new PrivacyAuditEntry(cohort.Id, Actor, "anonymise",
                named.Select(a => a.Id).ToList(), time.GetUtcNow(),
                $"{months} months after the programme ended on {cohort.ProgrammeEnd:yyyy-MM-dd}."), ct);
            return $"anonymised {named.Count} people";
        }
        if (today.DayOfWeek != cohort.Rhythm.DigestDay) return null;
        var model = new RetentionWarningMail(cohort.Id, cohort.Name, cohort.ProgrammeEnd, due, months, named.Count);
        var queued = 0;
        foreach (var member in cohort.WorkingGroupEmails)
            if (await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.RetentionWarning, cohort.Id,
                    EmailKinds.Key(EmailKind.RetentionWarning, cohort.Id, today.ToString("yyyy-MM-dd"), member), member, "",
                    model), ct)) queued++;
        return $"warned the working group ({queued} e-mails) of anonymisation on {due:yyyy-MM-dd}";
    }
}
