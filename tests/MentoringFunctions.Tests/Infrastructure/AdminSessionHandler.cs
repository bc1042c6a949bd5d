using MentoringFunctions.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>A signed-in member's session cookie and anti-forgery token, as the app's own sign-in issues them.</summary>
public sealed record SessionCookie(string Cookie, string CsrfToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Sends every request as a signed-in member: the session cookie and the CSRF header. The session is started through
/// the app's own <see cref="AdminAccess.SignInAsync"/> (what a used magic link does), and again once the fake clock
/// has passed its end, so tests that move the clock by months keep their client.
/// </summary>
public sealed class AdminSessionHandler(AppFixture app, string email, bool allCohorts, SessionCookie session) : DelegatingHandler
{
    private SessionCookie _session = session;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_session.ExpiresAt <= app.Clock.GetUtcNow()) _session = await app.SignInAsync(email, allCohorts);
        request.Headers.Add("Cookie", _session.Cookie);
        request.Headers.Add(Csrf.Header, _session.CsrfToken);
        return await base.SendAsync(request, ct);
    }
}

public static class SessionSignIn
{
    /// <summary>Starts a session for the address in the local host's graph; the cookie as a browser would send it back.</summary>
    public static async Task<SessionCookie> SignInAsync(this AppFixture app, string email, bool allCohorts = false)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("localhost");
        var session = await scope.ServiceProvider.GetRequiredService<AdminAccess>().SignInAsync(http, email, allCohorts, default);
        var cookie = http.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Single(c => c.StartsWith(AdminAccess.Cookie + "="));
        return new SessionCookie(cookie, session.CsrfToken, session.ExpiresAt);
    }
}
