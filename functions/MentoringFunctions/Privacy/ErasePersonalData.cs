using MentoringFunctions.Applications;
using MentoringFunctions.Core.Privacy;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Privacy;

public abstract record EraseOutcome
{
    public sealed record Erased(string Id) : EraseOutcome;
    /// <summary>Only the anonymous record is left: nothing more to do, and nothing was written.</summary>
    public sealed record AlreadyErased(string Id) : EraseOutcome;
    public sealed record NotFound : EraseOutcome;
}

/// <summary>
/// Erases people from a cohort: an anonymous record keeps their place in counts, their pending changes go, they get no
/// more mail, every table row and blob of the cohort that names them is scrubbed, and their application goes last
/// (so an erasure stopped half-way can be run again and finishes the job). Recorded in the audit.
/// </summary>
public sealed class ErasePersonalData(ApplicationRepository applications, PersonalDataTables tables, PersonalDataBlobs blobs,
    ParticipationStore participation, IPersonalDataAudit audit, TimeProvider time)
{
    public async Task<EraseOutcome> EraseAsync(string cohort, string id, string actor, CancellationToken ct)
    {
        var all = await applications.ListAsync(cohort, ct);
        if (all.FirstOrDefault(a => a.Id == id && a.Status != ApplicationStatus.Erased) is not { } person)
            return all.Any(a => a.Id == id) ? new EraseOutcome.AlreadyErased(id) : new EraseOutcome.NotFound();
        await EraseManyAsync(cohort, [person], ct);
        await audit.RecordAsync(new PrivacyAuditEntry(cohort, actor, "erase", [id], time.GetUtcNow(),
            "Personal data erased; an anonymous record is kept for counts."), ct);
        return new EraseOutcome.Erased(id);
    }

    /// <summary>Erases them all in one pass over the cohort's rows and blobs (the retention does a whole cohort).</summary>
    public async Task EraseManyAsync(string cohort, IReadOnlyList<CohortApplication> people, CancellationToken ct)
    {
        if (people.Count == 0) return;
        var now = time.GetUtcNow();
        var scrubber = new PersonScrubber(people.Select(p => new ErasedPerson(p.Id, p.Email, p.Name)));
        var ids = people.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var person in people)
        {
            await tables.KeepAnonymousRecordAsync(person, ct);
            await tables.DeleteChangesAsync(cohort, person.Email, ct);
            // No nudge, feedback request or lunch invite may go to a place that is no longer theirs.
            await participation.UnsubscribeAsync(cohort, person.Id, now, ct);
        }
        await tables.ScrubCohortAsync(cohort, scrubber, ids, ct);
        await blobs.ScrubCohortAsync(cohort, scrubber, ct);
        foreach (var person in people) await tables.DeleteApplicationAsync(person, ct);
    }
}
