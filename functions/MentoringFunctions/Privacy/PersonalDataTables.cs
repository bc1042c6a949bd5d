using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Privacy;
using MentoringFunctions.Email;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Privacy;

/// <summary>
/// Erasure in the tables. The application becomes an anonymous record (role, experience, region, topics, dates; no name,
/// e-mail, employer or free text) under a key that is not their address; pending changes go; every other row of the
/// cohort that names them (matches, feedback, runs, imports, mail) has the mention taken out, property by property,
/// so a column added later is covered too. Mail to them loses its content and, if unsent, is never sent.
/// </summary>
public sealed class PersonalDataTables(TableServiceClient tables, TimeProvider time)
{
    public const string ErasedMailReason = "Not sent: the recipient's personal data was erased.";
    private static readonly HashSet<string> Keys = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    /// <summary>The record that keeps their place in counts; adding it again (a retried erasure) changes nothing.</summary>
    public async Task KeepAnonymousRecordAsync(CohortApplication a, CancellationToken ct)
    {
        var kept = a.Application with { Name = "", Email = "", Organisation = "", Avoid = [], Notes = "" };
        var entity = ApplicationEntity.From(a with { Application = kept, Status = ApplicationStatus.Erased, LastChange = "" });
        entity.PartitionKey = ApplicationEntity.PartitionFor(a.Cohort, AnonymousKey(a.Id));
        entity.RowKey = ApplicationEntity.KeyFor(AnonymousKey(a.Id));
        await tables.GetTableClient(StorageNames.Applications).TryAddAsync(entity, ct);
    }

    // Not an e-mail address (no '@'), so it can never be the key of an application.
    private static string AnonymousKey(string id) => "erased-" + id;

    /// <summary>Last of all, so an erasure stopped half-way still finds the person and can be run again.</summary>
    public async Task DeleteApplicationAsync(CohortApplication a, CancellationToken ct)
    {
        try
        {
            await tables.GetTableClient(StorageNames.Applications).DeleteEntityAsync(
                ApplicationEntity.PartitionFor(a.Cohort, a.Email), ApplicationEntity.KeyFor(a.Email), ETag.All, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    /// <summary>Their changes waiting for confirmation: the key itself holds the address, so the rows go.</summary>
    public async Task DeleteChangesAsync(string cohort, string email, CancellationToken ct)
    {
        var table = tables.GetTableClient(StorageNames.ApplicationChanges);
        var prefix = ApplicationEntity.KeyFor(email) + "|";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {cohort} and RowKey ge {prefix} and RowKey lt {TableKeys.PrefixEnd(prefix)}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"],
                           cancellationToken: ct))
        {
            try { await table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, ct); }
            catch (RequestFailedException ex) when (ex.Status == 404) { }
        }
    }

    /// <summary>The e-mails the cohort sent to an address, with their content while the outbox still keeps it.</summary>
    public async Task<IReadOnlyList<ExportedEmail>> EmailsToAsync(string cohort, string email, CancellationToken ct)
    {
        var list = new List<ExportedEmail>();
        var outbox = tables.GetTableClient(StorageNames.Outbox);
        await foreach (var e in outbox.QueryAsync<OutboxEntity>(OutboxEntity.CohortFilter(cohort), cancellationToken: ct))
            if (string.Equals(e.ToEmail.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
                list.Add(new ExportedEmail(TableKeys.Decode(e.RowKey), e.Kind, e.ToEmail, e.Subject, e.Status.ToString(),
                    e.CreatedAt, e.SentAt, e.Text, e.Html, e.BodyRemovedAt));
        return list.OrderBy(m => m.CreatedAt).ToList();
    }

    /// <summary>Takes the people out of every row of the cohort in every table that holds its personal data.</summary>
    public async Task<int> ScrubCohortAsync(string cohort, PersonScrubber scrubber, IReadOnlySet<string> ids,
        CancellationToken ct)
    {
        var (from, below) = ApplicationEntity.PartitionRange(cohort);
        var byCohort = TableClient.CreateQueryFilter($"PartitionKey eq {cohort}");
        var changed = 0;
        // Their own application is left whole until it is deleted last, so an erasure stopped half-way can find them again.
        changed += await ScrubAsync(StorageNames.Applications,
            TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {below}"), scrubber, null, ct,
            skip: e => ids.Contains(e.GetString(nameof(ApplicationEntity.Id)) ?? ""));
        changed += await ScrubAsync(StorageNames.ApplicationChanges, byCohort, scrubber, null, ct);
        changed += await ScrubAsync(StorageNames.Matches, byCohort, scrubber, null, ct);
        changed += await ScrubAsync(StorageNames.Feedback, byCohort, scrubber, e => Task.FromResult(OwnComments(e, ids)), ct);
        changed += await ScrubAsync(StorageNames.MatchRuns, TableClient.CreateQueryFilter($"Cohort eq {cohort}"), scrubber,
            null, ct);
        changed += await ScrubAsync(StorageNames.ImportJobs, byCohort, scrubber, null, ct);
        changed += await ScrubAsync(StorageNames.Outbox, OutboxEntity.CohortFilter(cohort), scrubber,
            e => MailToThemAsync(e, scrubber, ct), ct);
        return changed;
    }

    // Their own feedback keeps its ratings for the reports; what they wrote goes.
    private static bool OwnComments(TableEntity e, IReadOnlySet<string> ids)
    {
        if (!ids.Contains(e.GetString("PersonId") ?? "") || string.IsNullOrEmpty(e.GetString("Comments"))) return false;
        e["Comments"] = "";
        return true;
    }

    private async Task<bool> MailToThemAsync(TableEntity e, PersonScrubber scrubber, CancellationToken ct)
    {
        if (!scrubber.IsErasedEmail(e.GetString(nameof(OutboxEntity.ToEmail)))) return false;
        foreach (var field in new[] { "ToEmail", "ToName", "Subject", "Html", "Text", "Headers", "Attachments" }) e[field] = "";
        if (e.GetDateTimeOffset(nameof(OutboxEntity.BodyRemovedAt)) is null)
            e[nameof(OutboxEntity.BodyRemovedAt)] = time.GetUtcNow();
        if (e.GetString("Status") is nameof(OutboxStatus.Pending) or nameof(OutboxStatus.Sending))
        {
            // The failed row first, as the outbox writes its index: a stale due row is tidied by the next pass.
            await new OutboxIndex(tables).UpsertAsync(OutboxIndex.FailedPartition,
                new OutboxPointer(e.PartitionKey, e.RowKey), ct);
            e["Status"] = nameof(OutboxStatus.Failed);
            e[nameof(OutboxEntity.LastError)] = ErasedMailReason;
        }
        return true;
    }

    /// <summary>
    /// Every row the filter finds: the special rule first, then every text property that mentions them. Guarded by
    /// the row's ETag; a row changed meanwhile is read again and done again.
    /// </summary>
    private async Task<int> ScrubAsync(string name, string filter, PersonScrubber scrubber,
        Func<TableEntity, Task<bool>>? special, CancellationToken ct, Func<TableEntity, bool>? skip = null)
    {
        var table = tables.GetTableClient(name);
        var changed = 0;
        await foreach (var found in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (skip?.Invoke(found) == true) continue;
            var e = found;
            for (var attempt = 1; e is not null; attempt++)
            {
                var dirty = special is not null && await special(e);
                foreach (var key in e.Keys.Where(k => !Keys.Contains(k)).ToList())
                    if (e[key] is string text && scrubber.Mentions(text))
                        (e[key], dirty) = (scrubber.Scrub(text), true);
                if (!dirty) break;
                if (await table.TryReplaceAsync(e, e.ETag, ct) == WriteOutcome.Done) { changed++; break; }
                if (attempt >= 5) throw new RequestFailedException(412, $"A row of {name} kept changing during erasure.");
                e = await table.FindAsync<TableEntity>(found.PartitionKey, found.RowKey, ct);
            }
        }
        return changed;
    }
}
