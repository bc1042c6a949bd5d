using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;

namespace MentoringFunctions.Applications;

public abstract record SubmitResult
{
    public sealed record Invalid(Cohort? Cohort, IReadOnlyDictionary<string, string[]> Errors) : SubmitResult;
    public sealed record Closed(Cohort Cohort, string Reason) : SubmitResult;
    public sealed record Accepted(Cohort Cohort, Saved Saved) : SubmitResult;
}

/// <summary>The public submission, whatever it arrived as: validate, refuse if closed, save, confirm.</summary>
public sealed class SubmitApplication(CohortRepository cohorts, ApplicationRepository applications, ApplicationEmails emails,
    TimeProvider time)
{
    public async Task<SubmitResult> HandleAsync(string? cohortId, ApplicationInput input, string source, CancellationToken ct)
    {
        var found = string.IsNullOrWhiteSpace(cohortId) ? null : await cohorts.GetAsync(cohortId.Trim(), ct);
        if (found is not { Cohort: var cohort })
            return new SubmitResult.Invalid(null, new Dictionary<string, string[]>
            {
                [ApplicationInputReader.CohortField] = [string.IsNullOrWhiteSpace(cohortId)
                    ? "Say which programme you are applying to."
                    : $"There is no programme called '{cohortId}'."],
            });
        var now = time.GetUtcNow();
        if (cohort.ClosedReason(now) is { } reason) return new SubmitResult.Closed(cohort, reason);

        var rules = new ApplicationRules(cohort.Topics, cohort.Regions, RequireConsent: true);
        var validated = ApplicationValidator.Validate(input, rules, id: "");
        if (!validated.IsValid) return new SubmitResult.Invalid(cohort, validated.Errors);

        var saved = await SaveApplication.SaveAsync(applications, cohort.Id, validated.Value!, source, consented: true, now, ct);
        // Also on "unchanged": if a first attempt saved but failed before queueing the e-mail,
        // the retry queues it now; the dedupe key stops a second copy otherwise.
        await emails.QueueSubmissionEmailsAsync(cohort, saved, ct);
        return new SubmitResult.Accepted(cohort, saved);
    }

    public static string Message(SaveOutcome outcome, Cohort cohort) => outcome switch
    {
        SaveOutcome.Created => $"Thank you: your application to {cohort.Name} is in. We have sent you a confirmation e-mail.",
        SaveOutcome.Updated => $"You had already applied to {cohort.Name} with this e-mail address, so we updated that application. We have sent you a confirmation of the changes.",
        _ => $"We already have this application to {cohort.Name}, unchanged.",
    };
}
