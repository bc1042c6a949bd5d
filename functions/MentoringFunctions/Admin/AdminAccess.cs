using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MentoringFunctions.Hosting;

namespace MentoringFunctions.Admin;

/// <summary>
/// The working group's access: the secret key from configuration (Admin:Key) in the X-Admin-Key
/// header, or a session cookie issued by the login form. The cookie holds an expiry and an HMAC
/// of it under the key, never the key itself, so it cannot be forged or outlive a key change.
/// </summary>
public sealed class AdminAccess(string? key, TimeProvider time)
{
    public const string Header = "X-Admin-Key";
    public const string Cookie = "mf_admin";
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    public bool IsConfigured => !string.IsNullOrEmpty(key);

    /// <summary>A secret for another use (signed links), derived so that one key is all a deployment must set.</summary>
    public byte[] DerivedSecret(string purpose) => SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}:{key}"));

    public bool CheckKey(string? candidate) =>
        IsConfigured && candidate is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(key!));

    public bool IsAdmin(HttpContext context) =>
        CheckKey(context.Request.Headers[Header].FirstOrDefault()) || CheckSession(context.Request.Cookies[Cookie]);

    public string NewSession()
    {
        var expires = time.GetUtcNow().Add(SessionLength).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expires + "." + Sign(expires);
    }

    public void SignIn(HttpResponse response) => response.Cookies.Append(Cookie, NewSession(), new CookieOptions
    {
        HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = SessionLength,
    });

    public static void SignOut(HttpResponse response) =>
        response.Cookies.Delete(Cookie, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });

    private bool CheckSession(string? value)
    {
        if (!IsConfigured || value is null || value.Split('.') is not [var expires, var mac]) return false;
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)) return false;
        if (DateTimeOffset.FromUnixTimeSeconds(unix) < time.GetUtcNow()) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(Sign(expires)));
    }

    private string Sign(string payload) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes("admin-session:" + key), Encoding.UTF8.GetBytes(payload)));
}

public static class AdminAccessExtensions
{
    /// <summary>
    /// Admin:Key from configuration. A standalone local run without one gets a random key kept in
    /// .local/admin-key (logged at start); under the Functions host a missing key locks admin out.
    /// </summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var key = config["Admin:Key"];
        if (string.IsNullOrEmpty(key) && !config.UnderFunctionsHost() && config.GetValue("Admin:GenerateLocalKey", true))
        {
            var file = Path.Combine(FunctionsHostExtensions.LocalDataPath(config, builder.Environment.ContentRootPath), "admin-key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
            }
            key = File.ReadAllText(file).Trim();
            Console.WriteLine($"Admin key for this local run: {key} (kept in {file}; set Admin__Key to choose your own)");
        }
        builder.Services.AddSingleton(sp => new AdminAccess(key, sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>401 without a valid key or session; a page asks to log in, an API gets problem details.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<AdminAccess>().IsAdmin(http)) return await next(context);
            if (http.Request.Path.StartsWithSegments("/manage"))
                return await Pages.PageResults.LoginAsync(http, StatusCodes.Status401Unauthorized, null);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                detail: $"Send the working group's key in the {AdminAccess.Header} header.");
        });
}
