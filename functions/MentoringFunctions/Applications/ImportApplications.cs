using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

public sealed record ImportRow(int Line, string Id, string Email, string Outcome, IReadOnlyDictionary<string, string[]> Errors);

public sealed record ImportReport(int Added, int Updated, int Unchanged, int Rejected, string? FileError, IReadOnlyList<ImportRow> Rows);

/// <summary>
/// CSV import: each row is added, updated (same e-mail in the cohort), left unchanged or rejected
/// with its reasons; a bad row never stops the good ones, and nothing stored is lost.
/// </summary>
public sealed class ImportApplications(ApplicationRepository repository, RetryBackoff backoff, TimeProvider time)
{
    public async Task<ImportReport> ImportAsync(Cohort cohort, TextReader csv, CancellationToken ct)
    {
        var file = ApplicationCsv.Read(csv, stopAtBadRow: false);
        if (!file.IsValid) return new ImportReport(0, 0, 0, 0, file.Error, []);

        var existing = await repository.ListAsync(cohort.Id, ct);
        var emailById = existing.ToDictionary(e => e.Id, e => e.Email, StringComparer.OrdinalIgnoreCase);
        var lineByEmail = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lineById = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rules = new ApplicationRules(cohort.Topics, cohort.Regions, RequireConsent: false);
        var rows = new List<ImportRow>();

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
                rows.Add(Rejected(row.Line, id, email, Fields.Id, $"'{id}' is not an id: use up to 64 letters, digits, '-' or '_' (or leave it blank)."));
                continue;
            }
            var validated = ApplicationValidator.Validate(row.Input, rules, id);
            if (!validated.IsValid)
            {
                rows.Add(new ImportRow(row.Line, id, email, "rejected", validated.Errors));
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
            if (id.Length > 0 && emailById.TryGetValue(id, out var owner) && !owner.Equals(application.Email, StringComparison.OrdinalIgnoreCase))
            {
                rows.Add(Rejected(row.Line, id, email, Fields.Id, $"Id '{id}' already belongs to the application of {owner}; leave the id blank or use theirs."));
                continue;
            }
            lineByEmail[application.Email] = row.Line;
            if (id.Length > 0) lineById[id] = row.Line;

            var saved = await SaveApplication.SaveAsync(repository, backoff, cohort.Id, application, "import", consented: false,
                time.GetUtcNow(), ct);
            if (saved.Outcome == SaveOutcome.Busy)
            {
                rows.Add(Rejected(row.Line, id, email, Fields.Email,
                    "This application was being changed by something else throughout; import this row again."));
                continue;
            }
            emailById[saved.Application.Id] = saved.Application.Email;
            rows.Add(new ImportRow(row.Line, saved.Application.Id, saved.Application.Email, saved.Outcome switch
            {
                SaveOutcome.Created => "added",
                SaveOutcome.Updated => "updated",
                SaveOutcome.Unchanged => "unchanged",
                _ => throw new InvalidOperationException($"Unknown save outcome {saved.Outcome}"),
            }, new Dictionary<string, string[]>()));
        }
        return new ImportReport(
            rows.Count(r => r.Outcome == "added"), rows.Count(r => r.Outcome == "updated"),
            rows.Count(r => r.Outcome == "unchanged"), rows.Count(r => r.Outcome == "rejected"), null, rows);
    }

    private static ImportRow Rejected(int line, string id, string email, string field, string reason) =>
        new(line, id, email, "rejected", new Dictionary<string, string[]> { [field] = [reason] });
}
