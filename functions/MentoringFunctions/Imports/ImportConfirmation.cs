using System.Text;
using MentoringFunctions.Admin;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Pages;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Imports;

public abstract record ConfirmOutcome
{
    /// <summary>Existing: a repeat of an answer that had already started the job (nothing new was started).</summary>
    public sealed record Started(ImportJob Job, bool Existing = false) : ConfirmOutcome;
    public sealed record Cancelled : ConfirmOutcome;
    /// <summary>No upload waits under that id (cancelled, or never made) or the cohort is gone.</summary>
    public sealed record Missing : ConfirmOutcome;
    /// <summary>The values cannot join the cohort (too many, too long): the reasons, nothing changed.</summary>
    public sealed record Invalid(IReadOnlyList<string> Reasons) : ConfirmOutcome;
    /// <summary>The cohort kept changing under every attempt to add the values: nothing imported, try again.</summary>
    public sealed record Busy : ConfirmOutcome;
}

/// <summary>The page that lists the topics and regions a file uses that the cohort lacks, before anything is stored.</summary>
public sealed record ImportConfirmPage(string Title, string CohortId, string CohortName, string Id, string FileName, int Rows,
    UnknownValues Unknown);

/// <summary>
/// The working group's answer to that page. "Add" puts the missing values into the cohort (guarded by its ETag, the
/// values worked out again from the cohort as it is now) and only then starts the import job, so every row finds them;
/// "cancel" drops the kept upload. Both are safe to repeat: a started job is found again by its id.
/// </summary>
public sealed class ConfirmImport(CohortRepository cohorts, ImportJobStore jobs, ImportFiles files, StartImport start)
{
    private const int Attempts = 5;

    public async Task<ConfirmOutcome> AnswerAsync(string cohort, string id, string fileName, bool add, CancellationToken ct)
    {
        if (await jobs.GetAsync(cohort, id, ct) is { } existing) return new ConfirmOutcome.Started(existing, true);
        if (!add)
        {
            await files.DeleteUploadAsync(id, ct);
            return new ConfirmOutcome.Cancelled();
        }
        if (await files.FindUploadAsync(id, ct) is not { } csv || StartImport.JobId(cohort, csv, null) != id)
            return new ConfirmOutcome.Missing();
        CsvFile file;
        using (var reader = new StringReader(Encoding.UTF8.GetString(csv))) file = ApplicationCsv.Read(reader, stopAtBadRow: false);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await cohorts.GetAsync(cohort, ct) is not { } found) return new ConfirmOutcome.Missing();
            var unknown = UnknownValues.Find(file, found.Cohort.Topics, found.Cohort.Regions);
            if (!unknown.IsEmpty)
            {
                var updated = found.Cohort with
                {
                    Topics = [.. found.Cohort.Topics, .. unknown.Topics.Select(t => t.Value)],
                    Regions = [.. found.Cohort.Regions, .. unknown.Regions.Select(r => r.Value)],
                };
                // The cohort's own rules (how many topics, how long, no ';'), as its form would apply them.
                var check = CohortForm.Validate(CohortForm.Fields(updated), fixedId: cohort);
                if (!check.IsValid)
                    return new ConfirmOutcome.Invalid(check.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList());
                var written = await cohorts.UpdateAsync(updated, found.ETag, ct);
                if (written == WriteOutcome.Conflict) continue;   // changed meanwhile: work it out again from the new version
                if (written == WriteOutcome.NotFound) return new ConfirmOutcome.Missing();
            }
            return await start.StartAsync(cohort, fileName, csv, null, ct) switch
            {
                StartOutcome.Accepted accepted => new ConfirmOutcome.Started(accepted.Job, accepted.Existing),
                StartOutcome.Refused refused => new ConfirmOutcome.Invalid([refused.Reason]),
                var other => throw new InvalidOperationException(other.GetType().Name),
            };
        }
        return new ConfirmOutcome.Busy();
    }
}

/// <summary>The confirmation page's buttons: add the missing topics and regions and import, or cancel.</summary>
public sealed class ImportConfirmPages(AdminAccess admin, ConfirmImport confirm, CohortRepository cohorts, AuditLog audit)
{
    [Function("ConfirmImportPage")]
    public Task<IResult> ConfirmImportPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/cohorts/{cohort}/imports/{id}/confirm")] HttpRequest req,
        string cohort, string id, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Organiser, async () =>
    {
        var form = await Forms.ReadAsync(req, ct);
        var action = form["action"];
        if (form.Error is not null || action is not ("add" or "cancel") || await cohorts.GetAsync(cohort, ct) is not { } found)
            return await MessageAsync(req, StatusCodes.Status400BadRequest, "Nothing was imported",
                form.Error ?? "Choose \"Add these and import\" or \"Cancel\" on the import's page.", cohort);
        return await confirm.AnswerAsync(cohort, id, form["file"] ?? "", action == "add", ct) switch
        {
            ConfirmOutcome.Started { Existing: true } started => Results.Redirect(ImportJobView.PageUrlOf(cohort, started.Job.Id)),
            ConfirmOutcome.Started started => await AuditLog.After(audit.RecordAsync(req.HttpContext, cohort,
                AuditAction.ImportStarted, $"Import of {started.Job.FileName} started after adding its topics and regions " +
                $"(job {started.Job.Id})", ct: ct), Results.Redirect(ImportJobView.PageUrlOf(cohort, started.Job.Id))),
            ConfirmOutcome.Cancelled => Results.Redirect($"/manage/cohorts/{cohort}"),
            ConfirmOutcome.Missing => await MessageAsync(req, StatusCodes.Status404NotFound, "Nothing to import",
                "This upload is no longer waiting (it was cancelled). Upload the file again from the cohort's page.", cohort),
            ConfirmOutcome.Invalid invalid => await MessageAsync(req, StatusCodes.Status400BadRequest, "Nothing was imported",
                $"The values cannot be added to {found.Cohort.Name}: {string.Join(" ", invalid.Reasons)}", cohort),
            ConfirmOutcome.Busy => await MessageAsync(req, StatusCodes.Status503ServiceUnavailable, "Nothing was imported",
                "The cohort was being changed at the same time. Go back and press the button again.", cohort),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    });

    private static Task<IResult> MessageAsync(HttpRequest req, int status, string heading, string message, string cohort) =>
        PageResults.PageAsync(req.HttpContext, "message",
            new MessagePage(heading, heading, message, $"/manage/cohorts/{cohort}", "Back to the cohort"), status);
}
