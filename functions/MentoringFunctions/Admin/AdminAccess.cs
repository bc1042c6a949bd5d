using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Admin;

/// <summary>
/// The working group's access. Pages: a member signed in as themselves (ASP.NET Core's cookie handler, naming a
/// server-side session in <see cref="AdminSessions"/>). The API (/api/…) also takes the shared key from Admin:Key in
/// the X-Admin-Key header, for automation only. What a member may see follows each cohort's lists.
/// </summary>
public sealed class AdminAccess(string? key, TimeProvider time, AdminSessions sessions, CohortRepository cohorts,
    IOptions<AdminOptions> options)
{
    public const string Header = "X-Admin-Key";
    public const string Scheme = "mf-session";
    public const string Cookie = "mf_session";
    private const string SessionClaim = "sid";

    public bool IsConfigured => !string.IsNullOrEmpty(key);

    public AdminOptions Options => options.Value;

    public TimeProvider Time => time;

    public bool CheckKey(string? candidate) =>
        IsConfigured && candidate is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(key!));

    /// <summary>Who the request is from: the key (API only), a live session, or nobody.</summary>
    public async Task<AdminUser?> UserAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.Path.StartsWithSegments("/manage") && CheckKey(http.Request.Headers[Header].FirstOrDefault()))
            return AdminUser.ApiKey;
        if (!http.Request.Cookies.ContainsKey(Cookie)) return null;
        var ticket = await http.AuthenticateAsync(Scheme);
        if (!ticket.Succeeded || await sessions.GetAsync(ticket.Principal.FindFirstValue(SessionClaim), ct) is not { } session)
            return null;
        return new AdminUser(session.Email, session.Id, session.CsrfToken, session.AllCohorts);
    }

    /// <summary>Starts a session and sets its cookie: for a working day, or until sign-out.</summary>
    public async Task<AdminSession> SignInAsync(HttpContext http, string email, bool allCohorts, CancellationToken ct)
    {
        var session = await sessions.StartAsync(email, allCohorts, Options.SessionLength, ct);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, email), new Claim(SessionClaim, session.Id)], Scheme));
        await http.SignInAsync(Scheme, principal, new AuthenticationProperties { ExpiresUtc = session.ExpiresAt, IsPersistent = true });
        return session;
    }

    /// <summary>Ends the session on the server (so a copied cookie is worthless) and clears the cookie.</summary>
    public async Task SignOutAsync(HttpContext http, AdminUser user, CancellationToken ct)
    {
        if (user.SessionId is { } id) await sessions.EndAsync(id, ct);
        await http.SignOutAsync(Scheme);
    }

    /// <summary>Whether the address may ask for a sign-in link: on any cohort's lists, or an app-wide organiser.</summary>
    public async Task<bool> IsMemberAsync(string email, CancellationToken ct) =>
        Options.IsOrganiser(email) || (await cohorts.ListAsync(ct)).Any(c => new AdminUser(email, null, null, false).RoleIn(c) is not null);

    /// <summary>The cohorts the member may see, for app-wide pages.</summary>
    public async Task<IReadOnlyList<Cohort>> VisibleCohortsAsync(AdminUser user, CancellationToken ct) =>
        (await cohorts.ListAsync(ct)).Where(c => user.RoleIn(c) is not null).ToList();

    internal async Task<Cohort?> CohortAsync(string id, CancellationToken ct) => (await cohorts.GetAsync(id, ct))?.Cohort;
}

public static class AdminAccessExtensions
{
    /// <summary>
    /// Admin:Key from configuration. A local run without one gets a random key kept in .local/admin-key
    /// (printed once, when it is made); under the Functions host a missing key locks the API out.
    /// </summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var key = config["Admin:Key"];
        if (string.IsNullOrEmpty(key) && config.IsLocalHost() && config.GetValue("Admin:GenerateLocalKey", true))
        {
            var file = Path.Combine(LocalData.Path(config, env.ContentRootPath), "admin-key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
                Console.WriteLine($"Admin key for local runs: {File.ReadAllText(file)} (kept in {file}; set Admin__Key to choose your own)");
            }
            key = File.ReadAllText(file).Trim();
        }
        services.AddOptions<AdminOptions>().Bind(config.GetSection(AdminOptions.Section))
            .Validate(o => o.SessionLength > TimeSpan.Zero && o.LinkLifetime > TimeSpan.Zero, "Admin session and link lifetimes must be positive.");
        services.AddSharedDataProtection();
        services.AddAuthentication(AdminAccess.Scheme).AddCookie(AdminAccess.Scheme, o =>
        {
            o.Cookie.Name = AdminAccess.Cookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.SlidingExpiration = false;
        });
        // The handler reads expiry on the app's clock, so a test's fake clock ends sessions as real time would.
        services.AddOptions<CookieAuthenticationOptions>(AdminAccess.Scheme).Configure<TimeProvider, IOptions<AdminOptions>>(
            (o, time, admin) => (o.TimeProvider, o.ExpireTimeSpan) = (time, admin.Value.SessionLength));
        services.AddSingleton<AdminSessions>().AddSingleton<SignInLinks>().AddSingleton<AuditLog>().AddSingleton<MemberSignIn>();
        return services.AddSingleton(sp => new AdminAccess(key, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<AdminSessions>(), sp.GetRequiredService<CohortRepository>(),
            sp.GetRequiredService<IOptions<AdminOptions>>()));
    }
}
