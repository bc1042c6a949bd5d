using Azure;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;

namespace MentoringFunctions.Applications;

public abstract record EditOutcome
{
    public sealed record NotFound : EditOutcome;
    public sealed record Invalid(Cohort Cohort, CohortApplication Current, IReadOnlyDictionary<string, string[]> Errors) : EditOutcome;
    /// <summary>Someone changed the application since the form was opened: nothing is written.</summary>
    public sealed record Conflict(Cohort Cohort, CohortApplication Current) : EditOutcome;
    public sealed record Saved(Cohort Cohort, CohortApplication Application, bool Changed) : EditOutcome;
}

/// <summary>
/// The working group's corrections to an application, guarded by the ETag the form was opened with. The e-mail
/// address is the application's key and stays as it is (a new address is a new application).
/// </summary>
public sealed class ApplicationEditing(CohortRepository cohorts, ApplicationRepository applications, TimeProvider time)
{
    public async Task<(Cohort Cohort, CohortApplication Application)?> FindAsync(string cohort, string id, CancellationToken ct) =>
        await cohorts.GetAsync(cohort, ct) is { Cohort: var found }
        && (await applications.ListAsync(cohort, ct)).FirstOrDefault(a => a.Id == id) is { } application
            ? (found, application) : null;

    public async Task<EditOutcome> SaveAsync(string cohort, string id, ApplicationInput input, string etag, CancellationToken ct)
    {
        if (await FindAsync(cohort, id, ct) is not var (found, current)) return new EditOutcome.NotFound();
        var validated = ApplicationValidator.Validate(input with { Email = current.Email, Consent = true },
            new ApplicationRules(found.Topics, found.Regions), current.Id);
        if (!validated.IsValid)
            return new EditOutcome.Invalid(found, current, validated.Errors);
        if (current.ETag.ToString() != etag) return new EditOutcome.Conflict(found, current);
        var application = validated.Value! with { Id = current.Id, Email = current.Email };
        if (SaveApplication.Fingerprint(application) == SaveApplication.Fingerprint(current.Application))
            return new EditOutcome.Saved(found, current, false);
        var now = time.GetUtcNow();
        var saved = await applications.UpdateAsync(current with
        {
            Application = application, Version = current.Version + 1, UpdatedAt = now, Source = "working-group",
            ChangedAsOf = now, LastChange = "", ETag = new ETag(etag),
        }, ct);
        return saved is null ? new EditOutcome.Conflict(found, (await FindAsync(cohort, id, ct))?.Application ?? current)
            : new EditOutcome.Saved(found, saved, true);
    }

    /// <summary>An application as the form's fields, to open a form filled in with what is on file.</summary>
    public static ApplicationInput InputOf(Application a) => new()
    {
        Id = a.Id, Role = a.Role.ToText(), Name = a.Name, Email = a.Email, Organisation = a.Organisation,
        YearsInSector = a.YearsInSector.ToString(System.Globalization.CultureInfo.InvariantCulture), Region = a.Region,
        Meeting = a.Meeting.ToText(), Offers = a.Offers, Seeks = a.Seeks,
        Capacity = a.Capacity > 0 ? a.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        Avoid = a.Avoid, Notes = a.Notes,
    };
}
