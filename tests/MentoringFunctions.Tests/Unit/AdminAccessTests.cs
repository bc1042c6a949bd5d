using MentoringFunctions.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Unit;

public class AdminAccessTests
{
    private static DefaultHttpContext WithCookie(string value)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{AdminAccess.Cookie}={value}";
        return http;
    }

    [Fact]
    public void Session_cookie_is_valid_until_it_expires_and_only_under_the_same_key()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var access = new AdminAccess("secret", clock);
        var session = access.NewSession();

        Assert.True(access.IsAdmin(WithCookie(session)));
        Assert.False(new AdminAccess("rotated", clock).IsAdmin(WithCookie(session)));
        var parts = session.Split('.');
        Assert.False(access.IsAdmin(WithCookie($"{long.Parse(parts[0]) + 86400}.{parts[1]}")));   // extended by hand
        clock.Advance(AdminAccess.SessionLength + TimeSpan.FromSeconds(1));
        Assert.False(access.IsAdmin(WithCookie(session)));
    }

    [Fact]
    public void Without_a_configured_key_nobody_is_admin()
    {
        var access = new AdminAccess(null, TimeProvider.System);
        var http = new DefaultHttpContext();
        http.Request.Headers[AdminAccess.Header] = "";
        Assert.False(access.IsAdmin(http));
        Assert.False(access.CheckKey(""));
    }
}
