using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Security;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public abstract record SubmitResult
{
    public sealed record Invalid(Cohort? Cohort, IReadOnlyDictionary<string, string[]> Errors) : SubmitResult;
    public sealed record Closed(Cohort Cohort, string Reason) : SubmitResult;
    /// <summary>
    /// A valid submission: stored at once for a new address, or kept as a change for the owner of the address to
    /// confirm; a filled honeypot ends here too, keeping and sending nothing. One result for all, so the answer
    /// never tells anyone whether an address has applied.
    /// </summary>
    public sealed record Received(Cohort Cohort) : SubmitResult;
    /// <summary>Too many applications with this e-mail address lately.</summary>
    public sealed record Limited(RateLimitRefusal Refusal) : SubmitResult;
}

/// <summary>The public submission, whatever it arrived as: validate, refuse if closed, store or propose, e-mail.</summary>
public sealed class SubmitApplication(CohortRepository cohorts, ApplicationRepository applications,
    ApplicationChanges changes, ApplicationEmails emails, RateLimits limits, TimeProvider time)
{
    /// <param name="trapped">The form's honeypot field was filled in: a bot, as no person sees the field.</param>
    public async Task<SubmitResult> HandleAsync(string? cohortId, ApplicationInput input, string source,
        CancellationToken ct, bool trapped = false)
    {
        var cohort = string.IsNullOrWhiteSpace(cohortId) ? null : await cohorts.GetCachedAsync(cohortId.Trim(), ct);
        if (cohort is null)
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
        if (trapped) return new SubmitResult.Received(cohort);
        // Each valid submission may send the address an e-mail, so each counts, whoever sends it.
        var application = validated.Value!;
        if (limits.Take(RateLimitPolicy.ApplyAddress, application.Email.Trim().ToLowerInvariant()) is { } refusal)
            return new SubmitResult.Limited(refusal);

        // Insert first: most submissions are new, and the key refuses a second application for the address.
        var created = SaveApplication.New(cohort.Id, application, source, consented: true, now);
        if (await applications.AddAsync(created, ct) == WriteOutcome.Done)
        {
            await emails.QueueSubmissionEmailsAsync(cohort, created, ct);
            return new SubmitResult.Received(cohort);
        }
        var existing = await applications.GetAsync(cohort.Id, application.Email, ct)
            ?? throw new InvalidOperationException($"The application of {application.Email} in {cohort.Id} vanished.");
        if (existing is { Version: 1, Status: ApplicationStatus.Active } &&
            ApplicationChange.Between(existing.Application, application).Count == 0)
            // A retried first submission: if the first attempt stored it but failed before queueing its e-mails,
            // they are queued now; otherwise their keys are taken and nothing is sent.
            await emails.QueueSubmissionEmailsAsync(cohort, existing, ct);
        else
            await changes.ProposeAsync(cohort, existing, application, source, ct);
        return new SubmitResult.Received(cohort);
    }

    public static string Message(Cohort cohort) =>
        $"Thank you for applying to {cohort.Name}. Please check your e-mail: we have sent a message to the address " +
        "you gave. If you had already applied with it, the message has a link to confirm your changes, and " +
        "nothing changes until you use it.";
}
