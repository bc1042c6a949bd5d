using MentoringFunctions.Cohorts;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Admin;

public sealed record AuditPage(string Title, string CohortId, string CohortName, IReadOnlyList<AuditEntry> Entries,
    IReadOnlyList<string> Actions, string Action, string Person, int Max, bool Wide = true);

/// <summary>A cohort's audit log, newest first, filtered by action and by person. Read-only: there is no other route to it.</summary>
public sealed class AuditPages(AdminAccess admin, CohortRepository cohorts, AuditLog audit)
{
    public const int Max = 500;

    [Function("AuditPage")]
    public Task<IResult> AuditLogPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/audit")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
    {
        if (await cohorts.GetAsync(cohort, ct) is not { } found) return Results.NotFound();
        var actionText = req.Query["action"].FirstOrDefault() ?? "";
        AuditAction? action = Enum.TryParse<AuditAction>(actionText, ignoreCase: false, out var a) && Enum.IsDefined(a) ? a : null;
        var person = (req.Query["person"].FirstOrDefault() ?? "").Trim();
        if (person.Length > 254) person = person[..254];
        var entries = await audit.ListAsync(cohort, action, person, Max, ct);
        return await PageResults.PageAsync(req.HttpContext, "audit", new AuditPage($"{found.Cohort.Name}: audit log", cohort,
            found.Cohort.Name, entries, Enum.GetNames<AuditAction>(), action?.ToString() ?? "", person, Max));
    });
}
