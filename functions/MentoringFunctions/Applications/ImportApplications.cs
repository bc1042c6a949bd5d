using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Imports;

namespace MentoringFunctions.Applications;

/// <summary>A row's fate as planned: its report line, and the application to write (null when nothing is written).</summary>
public sealed record PlannedRow(ImportRow Report, CohortApplication? Write, string? ExpectedETag);

/// <summary>
/// Plans a CSV import against the cohort as it stands: each row is added, updated (same e-mail in the cohort), left
/// unchanged or rejected with its reasons; a bad row never stops the good ones. No I/O: the job stores the plan, so
/// an import resumed after a crash writes exactly what was planned, not a re-reading of rows it already wrote.
/// Every write carries <paramref name="stamp"/> as its time, which is how a resumed job recognises its own writes.
/// </summary>
public static class ImportApplications
{
    public const string Source = "import";

    public static IReadOnlyList<PlannedRow> Plan(Cohort cohort, CsvFile file, IReadOnlyList<CohortApplication> existing,
        DateTimeOffset stamp)
    {
        var byEmail = existing.ToDictionary(e => e.Email, StringComparer.OrdinalIgnoreCase);
        var emailById = existing.ToDictionary(e => e.Id, e => e.Email, StringComparer.OrdinalIgnoreCase);
        var lineByEmail = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lineById = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rules = new ApplicationRules(cohort.Topics, cohort.Regions, RequireConsent: false);
        var rows = new List<PlannedRow>(file.Rows.Count);

        foreach (var row in file.Rows)
        {
            var id = row.Input.Id?.Trim() ?? "";
            var email = row.Input.Email?.Trim().ToLowerInvariant() ?? "";
            if (row.Error is not null)
            {
                rows.Add(Rejected(row.Line, id, email, "row", row.Error));
                continue;
            }
            if (id.Length > 0 && (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                rows.Add(Rejected(row.Line, id, email, Fields.Id,
                    $"'{id}' is not an id: use up to 64 letters, digits, '-' or '_' (or leave it blank)."));
                continue;
            }
            var validated = ApplicationValidator.Validate(row.Input, rules, id);
            if (!validated.IsValid)
            {
                rows.Add(new PlannedRow(new ImportRow(row.Line, id, email, "rejected", validated.Errors), null, null));
                continue;
            }
            var application = validated.Value!;
            if (lineByEmail.TryGetValue(application.Email, out var earlier))
            {
                rows.Add(Rejected(row.Line, id, email, Fields.Email, $"The same e-mail address is on line {earlier} of this file."));
                continue;
            }
            if (id.Length > 0 && lineById.TryGetValue(id, out var earlierId))
            {
                rows.Add(Rejected(row.Line, id, email, Fields.Id, $"The same id is on line {earlierId} of this file."));
                continue;
            }
            if (id.Length > 0 && emailById.TryGetValue(id, out var owner) &&
                !owner.Equals(application.Email, StringComparison.OrdinalIgnoreCase))
            {
                rows.Add(Rejected(row.Line, id, email, Fields.Id,
                    $"Id '{id}' already belongs to the application of {owner}; leave the id blank or use theirs."));
                continue;
            }
            lineByEmail[application.Email] = row.Line;
            if (id.Length > 0) lineById[id] = row.Line;

            var planned = PlanWrite(cohort.Id, application, byEmail.GetValueOrDefault(application.Email), stamp);
            var written = planned.Write ?? byEmail[application.Email];
            emailById[written.Id] = written.Email;
            rows.Add(planned with { Report = planned.Report with { Line = row.Line } });
        }
        return rows;
    }

    /// <summary>
    /// The write for one valid row against the application stored for its e-mail (or none), as SaveApplication
    /// decides it for the form: an identical active application is left alone.
    /// </summary>
    public static PlannedRow PlanWrite(string cohortId, Application application, CohortApplication? existing, DateTimeOffset stamp)
    {
        if (existing is null)
        {
            var id = string.IsNullOrWhiteSpace(application.Id) ? SaveApplication.NewId(cohortId, application.Email) : application.Id;
            var created = new CohortApplication(cohortId, application with { Id = id }, ApplicationStatus.Active, Source,
                null, SubmittedAt: stamp, UpdatedAt: stamp, Version: 1);
            return new PlannedRow(Done(created, "added"), created, null);
        }
        var updated = application with { Id = existing.Id };
        if (existing.Status == ApplicationStatus.Active &&
            SaveApplication.Fingerprint(existing.Application) == SaveApplication.Fingerprint(updated))
            return new PlannedRow(Done(existing, "unchanged"), null, null);
        var changed = existing with
        {
            Application = updated, Version = existing.Version + 1, UpdatedAt = stamp, Source = Source,
            Status = ApplicationStatus.Active, ETag = default,
        };
        return new PlannedRow(Done(changed, "updated"), changed, existing.ETag.ToString());
    }

    private static ImportRow Done(CohortApplication a, string outcome) =>
        new(0, a.Id, a.Email, outcome, new Dictionary<string, string[]>());

    private static PlannedRow Rejected(int line, string id, string email, string field, string reason) =>
        new(new ImportRow(line, id, email, "rejected", new Dictionary<string, string[]> { [field] = [reason] }), null, null);
}
