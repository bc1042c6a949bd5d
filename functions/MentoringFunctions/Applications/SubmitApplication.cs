using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Security;

namespace MentoringFunctions.Applications;

public abstract record SubmitResult
{
    public sealed record Invalid(Cohort? Cohort, IReadOnlyDictionary<string, string[]> Errors) : SubmitResult;
    public sealed record Closed(Cohort Cohort, string Reason) : SubmitResult;
    public sealed record Accepted(Cohort Cohort, Saved Saved) : SubmitResult;
    /// <summary>The honeypot was filled: answered as if created (the id a real one gets); nothing kept or sent.</summary>
    public sealed record Trapped(Cohort Cohort, string Id) : SubmitResult;
    /// <summary>Too many applications with this e-mail address lately.</summary>
    public sealed record Limited(RateLimitRefusal Refusal) : SubmitResult;
}

/// <summary>The public submission, whatever it arrived as: validate, refuse if closed, save, confirm.</summary>
public sealed class SubmitApplication(CohortRepository cohorts, ApplicationRepository applications,
    ApplicationEmails emails, RateLimits limits, TimeProvider time)
{
    /// <param name="trapped">The form's honeypot field was filled in: a bot, as no person sees the field.</param>
    public async Task<SubmitResult> HandleAsync(string? cohortId, ApplicationInput input, string source,
        CancellationToken ct, bool trapped = false)
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
        // A bot gets what a person would get, so it learns nothing; it is not counted against the address.
        if (trapped) return new SubmitResult.Trapped(cohort, SaveApplication.NewId(cohort.Id, validated.Value!.Email));
        // Each valid submission may send the address an e-mail, so each counts, whoever sends it.
        var address = validated.Value!.Email.Trim().ToLowerInvariant();
        if (limits.Take(RateLimitPolicy.ApplyAddress, address) is { } refusal) return new SubmitResult.Limited(refusal);

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
