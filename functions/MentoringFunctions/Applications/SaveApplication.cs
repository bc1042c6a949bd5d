using System.Security.Cryptography;
using System.Text;
using MentoringFunctions.Storage;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

public enum SaveOutcome { Created, Updated, Unchanged }

public sealed record Saved(SaveOutcome Outcome, CohortApplication Application);

/// <summary>
/// Create-or-update keyed by e-mail within the cohort. Concurrent submissions are resolved with
/// ETags (re-read and re-apply), and an identical re-submission changes nothing, so a double
/// click or a retried request yields one application and one confirmation.
/// </summary>
public static class SaveApplication
{
    private const int MaxAttempts = 5;

    public static string NewId(string cohortId, string email) =>
        "a" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cohortId + "|" + email.Trim().ToLowerInvariant())))[..11].ToLowerInvariant();

    public static async Task<Saved> SaveAsync(ApplicationRepository repository, string cohortId, Application application,
        string source, bool consented, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await repository.GetAsync(cohortId, application.Email, ct);
            if (existing is null)
            {
                var id = string.IsNullOrWhiteSpace(application.Id) ? NewId(cohortId, application.Email) : application.Id;
                var created = new CohortApplication(cohortId, application with { Id = id }, ApplicationStatus.Active,
                    source, consented ? now : null, SubmittedAt: now, UpdatedAt: now, Version: 1);
                if (await repository.AddAsync(created, ct) == WriteOutcome.Done)
                    return new Saved(SaveOutcome.Created, created);
            }
            else
            {
                var updated = application with { Id = existing.Id };
                if (existing.Status == ApplicationStatus.Active &&
                    Fingerprint(existing.Application) == Fingerprint(updated))
                    return new Saved(SaveOutcome.Unchanged, existing);
                var changed = await repository.UpdateAsync(existing with
                {
                    Application = updated, Version = existing.Version + 1, UpdatedAt = now, Source = source,
                    Status = ApplicationStatus.Active, ConsentedAt = consented ? now : existing.ConsentedAt,
                }, ct);
                if (changed is not null) return new Saved(SaveOutcome.Updated, changed);
            }
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Application {application.Email} in {cohortId} " +
                    $"kept changing underneath {MaxAttempts} attempts to save it.");
        }
    }

    // Lists compare by content; records alone would compare them by reference.
    public static string Fingerprint(Application a) => string.Join('\u001f',
        a.Id, a.Role, a.Name, a.Email, a.Organisation, a.YearsInSector, a.Region, a.Meeting,
        string.Join(';', a.Offers), string.Join(';', a.Seeks), a.Capacity, string.Join(';', a.Avoid), a.Notes);
}
