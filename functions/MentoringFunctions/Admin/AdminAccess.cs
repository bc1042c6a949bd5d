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
    /// Admin:Key from configuration. A local run without one gets a random key kept in .local/admin-key
    /// (printed once, when it is made); under the Functions host a missing key locks admin out.
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
        return services.AddSingleton(sp => new AdminAccess(key, sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>
    /// Runs an admin handler only for the working group: 401 otherwise, a sign-in page for the
    /// /manage pages and problem details for the API. Every admin function goes through here.
    /// </summary>
    public static async Task<IResult> Guard<T>(this AdminAccess access, HttpRequest request, Func<Task<T>> handler)
        where T : IResult
    {
        if (access.IsAdmin(request.HttpContext)) return await handler();
        if (request.Path.StartsWithSegments("/manage"))
            return await Pages.PageResults.LoginAsync(request.HttpContext, StatusCodes.Status401Unauthorized, null);
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
            detail: $"Send the working group's key in the {AdminAccess.Header} header.");
    }
}
