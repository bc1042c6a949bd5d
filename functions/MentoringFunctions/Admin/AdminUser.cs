using MentoringFunctions.Core.Cohorts;

namespace MentoringFunctions.Admin;

/// <summary>What a working-group member may do in a cohort. An organiser may do everything a reviewer may.</summary>
public enum AdminRole
{
    /// <summary>Reads the cohort's pages and handles feedback actions.</summary>
    Reviewer = 1,
    /// <summary>Everything: edits, imports, runs, publish, withdraw.</summary>
    Organiser = 2,
}

/// <summary>
/// Who is acting: a member signed in by e-mail (a session), or API automation with the shared key. AllCohorts is
/// an organiser of every cohort: the key, and the app-wide Admin:Organisers list.
/// </summary>
public sealed record AdminUser(string Email, string? SessionId, string? CsrfToken, bool AllCohorts)
{
    private const string ItemKey = "mf.admin-user";

    /// <summary>The audit log's name for API automation, which has no person behind it.</summary>
    public static readonly AdminUser ApiKey = new("api-key", null, null, true);

    /// <summary>The member the current request's Guard let in; null outside a guarded handler.</summary>
    public static AdminUser? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var u) ? u as AdminUser : null;

    internal void Attach(HttpContext http) => http.Items[ItemKey] = this;

    /// <summary>
    /// The member's role in the cohort: the cohort's own lists decide, so next year's cohort, with next year's
    /// working group, is closed to last year's members without anyone revoking anything.
    /// </summary>
    public AdminRole? RoleIn(Cohort cohort)
    {
        if (AllCohorts) return AdminRole.Organiser;
        if (cohort.ReviewerEmails.Contains(Email, StringComparer.OrdinalIgnoreCase)) return AdminRole.Reviewer;
        if (cohort.WorkingGroupEmails.Contains(Email, StringComparer.OrdinalIgnoreCase)) return AdminRole.Organiser;
        return null;
    }

    public bool May(Cohort cohort, AdminRole needed) => RoleIn(cohort) is { } role && role >= needed;
}

/// <summary>The <c>Admin:</c> section beside Admin:Key: app-wide organisers and how long a session lasts.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Organisers of every cohort (an array, or one ';'-separated value as an app setting allows).</summary>
    public IReadOnlyList<string> Organisers { get; set; } = [];

    /// <summary>A working day: the session ends then, or at sign-out.</summary>
    public TimeSpan SessionLength { get; set; } = TimeSpan.FromHours(10);

    /// <summary>How long a sign-in link in an e-mail works (once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsOrganiser(string email) => Organisers
        .SelectMany(o => o.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Contains(email.Trim(), StringComparer.OrdinalIgnoreCase);
}
