using System.Security.Cryptography;
using System.Text;
using MentoringFunctions.Storage;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

/// <summary>Busy: others kept changing the application for every attempt; nothing was written, try again later.</summary>
public enum SaveOutcome { Created, Updated, Unchanged, Busy }

public sealed record Saved(SaveOutcome Outcome, CohortApplication Application);

/// <summary>
/// Create-or-update keyed by e-mail within the cohort, for the working group's own writes (the CSV import):
/// the public form never updates directly, it proposes a change the owner confirms. Concurrent writes are
/// resolved with ETags (re-read and re-apply, with backoff), and an identical re-submission changes nothing.
/// </summary>
public static class SaveApplication
{
    public static string NewId(string cohortId, string email) =>
        "a" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cohortId + "|" + email.Trim().ToLowerInvariant())))[..11].ToLowerInvariant();

    /// <summary>A first application, version 1, as it is stored.</summary>
    public static CohortApplication New(string cohortId, Application application, string source, bool consented,
        DateTimeOffset now) =>
        new(cohortId, application with
            {
                Id = string.IsNullOrWhiteSpace(application.Id) ? NewId(cohortId, application.Email) : application.Id,
            }, ApplicationStatus.Active, source, consented ? now : null, SubmittedAt: now, UpdatedAt: now, Version: 1,
            ChangedAsOf: now);

    public static async Task<Saved> SaveAsync(ApplicationRepository repository, RetryBackoff backoff, string cohortId,
        Application application, string source, bool consented, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await repository.GetAsync(cohortId, application.Email, ct);
            if (existing is null)
            {
                var created = New(cohortId, application, source, consented, now);
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
                    ChangedAsOf = now, LastChange = "",
                }, ct);
                if (changed is not null) return new Saved(SaveOutcome.Updated, changed);
            }
            if (attempt >= backoff.MaxAttempts)
                return new Saved(SaveOutcome.Busy, existing ?? New(cohortId, application, source, consented, now));
            await backoff.WaitAsync(attempt, ct);
        }
    }

    // Lists compare by content; records alone would compare them by reference.
    public static string Fingerprint(Application a) => string.Join('\u001f',
        a.Id, a.Role, a.Name, a.Email, a.Organisation, a.YearsInSector, a.Region, a.Meeting,
        string.Join(';', a.Offers), string.Join(';', a.Seeks), a.Capacity, string.Join(';', a.Avoid), a.Notes);
}
