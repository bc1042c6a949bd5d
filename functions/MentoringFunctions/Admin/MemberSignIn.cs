using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;
using MentoringFunctions.Security;

namespace MentoringFunctions.Admin;

/// <summary>
/// Signing in and out as oneself: an e-mail address on a working-group list (or Admin:Organisers) is sent a
/// single-use link; following it starts a session. On a local run the printed admin key signs in too, so a new
/// user's first steps need no mail set-up.
/// </summary>
public sealed class MemberSignIn(AdminAccess admin, SignInLinks links, AuditLog audit, RateLimits limits, IConfiguration config)
{
    /// <summary>The name in the audit log of whoever signs in with the local admin key.</summary>
    public const string LocalKeyUser = "admin-key (local run)";

    public async Task<IResult> RequestAsync(HttpRequest req, CancellationToken ct)
    {
        var form = await Forms.ReadAsync(req, ct);
        if (form.Error is not null) return await PageResults.LoginAsync(req.HttpContext, form.Status, form.Error);
        if (form["key"] is { } key) return await KeyAsync(req, key, ct);
        var email = (form["email"] ?? "").Trim().ToLowerInvariant();
        if (email.Length is 0 or > 254 || !email.Contains('@') || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return await PageResults.LoginAsync(req.HttpContext, StatusCodes.Status400BadRequest,
                "Enter your e-mail address, like name@example.org.");
        if (limits.Take(RateLimitPolicy.SignInLink, req) is { } refused) return refused;
        // Per address after per client: one visitor cannot use up another address's allowance by itself.
        if (limits.Take(RateLimitPolicy.SignInAddress, email) is { } perAddress) return new TooManyRequestsResult(perAddress);
        // One answer whether or not the address may sign in, so the page never says who is on a working group.
        if (await admin.IsMemberAsync(email, ct))
            await links.SendAsync(email, (await admin.VisibleCohortsAsync(new AdminUser(email, null, null,
                admin.Options.IsOrganiser(email)), ct)).Select(c => c.Name).ToList(), ct);
        return await PageResults.PageAsync(req.HttpContext, "message", new MessagePage("Check your e-mail", "Check your e-mail",
            $"If {email} is on a working-group list, a sign-in link is on its way to it. The link works once, for " +
            $"{(int)admin.Options.LinkLifetime.TotalMinutes} minutes.", "/manage/login", "Send another link"));
    }

    public async Task<IResult> LinkPageAsync(HttpRequest req, CancellationToken ct)
    {
        var token = req.Query["t"].FirstOrDefault();
        var (status, email) = await links.CheckAsync(token, ct);
        return status == SignInLinkStatus.Valid
            ? await PageResults.PageAsync(req.HttpContext, "sign-in-link", new { Title = "Sign in", Email = email, Token = token })
            : await RefusedAsync(req, status);
    }

    public async Task<IResult> UseLinkAsync(HttpRequest req, CancellationToken ct)
    {
        if (limits.Check(RateLimitPolicy.SignIn, req) is { } refused) return refused;
        var form = await Forms.ReadAsync(req, ct);
        if (form.Error is not null) return await RefusedAsync(req, SignInLinkStatus.Invalid);
        var (status, email) = await links.UseAsync(form["t"], ct);
        if (status != SignInLinkStatus.Valid) return limits.Take(RateLimitPolicy.SignIn, req) ?? await RefusedAsync(req, status);
        // Membership is checked again: the address may have left every list since the link was sent.
        if (!await admin.IsMemberAsync(email!, ct)) return await RefusedAsync(req, SignInLinkStatus.Invalid);
        return await StartAsync(req, email!, admin.Options.IsOrganiser(email!), ct);
    }

    public async Task<IResult> SignOutAsync(HttpRequest req, CancellationToken ct)
    {
        if (AdminUser.Of(req.HttpContext) is { SessionId: not null } user)
        {
            foreach (var cohort in await admin.VisibleCohortsAsync(user, ct))
                await audit.RecordAsync(user.Email, cohort.Id, AuditAction.SignedOut, "Signed out", [user.Email], ct: ct);
            await admin.SignOutAsync(req.HttpContext, user, ct);
        }
        return Results.Redirect("/manage/login");
    }

    private async Task<IResult> KeyAsync(HttpRequest req, string key, CancellationToken ct)
    {
        // Only failures count, so signing in is never held up by its own successes; once they are used up even the
        // right key waits, or guessing could go on.
        if (limits.Check(RateLimitPolicy.SignIn, req) is { } refused) return refused;
        if (!config.IsLocalHost())
            return await PageResults.LoginAsync(req.HttpContext, StatusCodes.Status400BadRequest,
                "The admin key is for API automation: sign in with your e-mail address.");
        if (!admin.CheckKey(key))
            return limits.Take(RateLimitPolicy.SignIn, req) ?? await PageResults.LoginAsync(req.HttpContext,
                StatusCodes.Status401Unauthorized, "That key is not right.");
        return await StartAsync(req, LocalKeyUser, allCohorts: true, ct);
    }

    private async Task<IResult> StartAsync(HttpRequest req, string email, bool allCohorts, CancellationToken ct)
    {
        var session = await admin.SignInAsync(req.HttpContext, email, allCohorts, ct);
        var user = new AdminUser(email, session.Id, session.CsrfToken, allCohorts);
        foreach (var cohort in await admin.VisibleCohortsAsync(user, ct))
            await audit.RecordAsync(email, cohort.Id, AuditAction.SignedIn, "Signed in", [email], ct: ct);
        return Results.Redirect("/manage");
    }

    private static Task<IResult> RefusedAsync(HttpRequest req, SignInLinkStatus status) => status switch
    {
        SignInLinkStatus.Used => Message(req, StatusCodes.Status410Gone, "This sign-in link has been used",
            "Each link signs in once. Ask for a new one."),
        SignInLinkStatus.Expired => Message(req, StatusCodes.Status410Gone, "This sign-in link has expired",
            "Links work for a short while only. Ask for a new one."),
        SignInLinkStatus.Invalid => Message(req, StatusCodes.Status400BadRequest, "This sign-in link does not work",
            "Copy the whole link from the e-mail, or ask for a new one."),
        _ => throw new InvalidOperationException(status.ToString()),
    };

    private static Task<IResult> Message(HttpRequest req, int status, string heading, string text) =>
        PageResults.PageAsync(req.HttpContext, "message", new MessagePage(heading, heading, text, "/manage/login", "Get a new link"),
            status);
}
