using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MentoringFunctions.Rhythm;

/// <summary>What a link in an e-mail lets its holder do: for whom, about which match, until when.</summary>
public sealed record LinkClaim(string Cohort, string Person, string? Match, string Purpose, long Expires);

public enum TokenStatus { Valid, Tampered, Expired }

/// <summary>
/// Signed links (HMAC-SHA256 under Links:Secret, or a secret derived from the admin key):
/// base64url(JSON claim) "." base64url(MAC). Feedback, check-in, hours and unsubscribe links carry
/// one, so nobody can answer for someone else or resurrect an old link.
/// </summary>
public sealed class LinkTokens(byte[] secret, TimeProvider time)
{
    /// <summary>
    /// Links:Secret, else a secret derived from the admin key. With neither, a random secret for this
    /// process: links then stop working at the next restart, but can never be forged from a known constant.
    /// </summary>
    public static LinkTokens From(IConfiguration config, Admin.AdminAccess admin, TimeProvider time, ILogger logger)
    {
        if (config["Links:Secret"] is { Length: > 0 } s) return new(SHA256.HashData(Encoding.UTF8.GetBytes(s)), time);
        if (admin.IsConfigured) return new(admin.DerivedSecret("links"), time);
        logger.LogWarning("Neither Links:Secret nor Admin:Key is set: links in e-mails are signed with a random key and stop working when the app restarts.");
        return new(RandomNumberGenerator.GetBytes(32), time);
    }

    public string Issue(string cohort, string person, string? match, string purpose, TimeSpan lifetime)
    {
        var claim = new LinkClaim(cohort, person, match, purpose, time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claim));
        return payload + "." + Base64Url(Mac(payload));
    }

    public (TokenStatus Status, LinkClaim? Claim) Read(string? token, string purposePrefix)
    {
        if (token?.Split('.') is not [var payload, var mac]) return (TokenStatus.Tampered, null);
        byte[] given;
        try { given = FromBase64Url(mac); }
        catch (FormatException) { return (TokenStatus.Tampered, null); }
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(payload))) return (TokenStatus.Tampered, null);
        var claim = JsonSerializer.Deserialize<LinkClaim>(FromBase64Url(payload));
        if (claim is null || !claim.Purpose.StartsWith(purposePrefix, StringComparison.Ordinal)) return (TokenStatus.Tampered, null);
        return DateTimeOffset.FromUnixTimeSeconds(claim.Expires) < time.GetUtcNow() ? (TokenStatus.Expired, claim) : (TokenStatus.Valid, claim);
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(payload))[..20];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
