using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MentoringFunctions.Rhythm;

/// <summary>What a link in an e-mail lets its holder do: for whom, about which match, until when.</summary>
public sealed record LinkClaim(string Cohort, string Person, string? Match, string Purpose, long Expires);

public enum TokenStatus { Valid, Tampered, Expired }

/// <summary>
/// Signed links (HMAC-SHA256 under Links:Secret): base64url(JSON claim) "." base64url(MAC). Feedback,
/// check-in, hours and unsubscribe links carry one, so nobody can answer for someone else or resurrect
/// an old link. Links signed with a secret in Links:PreviousSecrets still verify, so the secret can be
/// rotated without breaking links already e-mailed; new links are signed with the current one only.
/// </summary>
public sealed class LinkTokens(byte[] secret, TimeProvider time, IReadOnlyList<byte[]>? previous = null)
{
    public const string SecretKey = "Links:Secret";
    public const string PreviousKey = "Links:PreviousSecrets";

    /// <summary>
    /// Links:Secret, its own setting so that rotating the admin key leaves links alone. A local run
    /// without one keeps a generated secret in .local/links-secret; elsewhere a missing secret means a
    /// random one for this process (links stop working at restart, but can never be forged from a constant).
    /// </summary>
    public static LinkTokens From(IConfiguration config, string? localSecretFile, TimeProvider time, ILogger logger)
    {
        var current = config[SecretKey];
        if (string.IsNullOrEmpty(current) && localSecretFile is not null)
        {
            if (!File.Exists(localSecretFile))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(localSecretFile)!);
                File.WriteAllText(localSecretFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
            }
            current = File.ReadAllText(localSecretFile).Trim();
        }
        var previous = Previous(config).Select(Key).ToList();
        if (!string.IsNullOrEmpty(current)) return new(Key(current), time, previous);
        logger.LogWarning("Links:Secret is not set: links in e-mails are signed with a random key and stop working when the app restarts.");
        return new(RandomNumberGenerator.GetBytes(32), time, previous);
    }

    /// <summary>An array (Links:PreviousSecrets:0, :1 …) or one ';'-separated value, as an app setting allows.</summary>
    private static IEnumerable<string> Previous(IConfiguration config) =>
        config.GetSection(PreviousKey).Get<string[]>() is { Length: > 0 } list
            ? list.Where(p => p.Length > 0)
            : (config[PreviousKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static byte[] Key(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public string Issue(string cohort, string person, string? match, string purpose, TimeSpan lifetime)
    {
        var claim = new LinkClaim(cohort, person, match, purpose, time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claim));
        return payload + "." + Base64Url(Mac(secret, payload));
    }

    /// <summary>
    /// The claim of a link signed here for exactly this purpose. "feedback" links carry their stage
    /// ("feedback:midpoint", "feedback:final", "feedback:adhoc"), and only those stages count.
    /// </summary>
    public (TokenStatus Status, LinkClaim? Claim) Read(string? token, string purpose)
    {
        if (token?.Split('.') is not [var payload, var mac] || !TryFromBase64Url(mac, out var given)) return (TokenStatus.Tampered, null);
        if (!new[] { secret }.Concat(previous ?? []).Any(key => CryptographicOperations.FixedTimeEquals(given, Mac(key, payload))))
            return (TokenStatus.Tampered, null);
        if (ReadClaim(payload) is not { } claim || !Matches(claim.Purpose, purpose)) return (TokenStatus.Tampered, null);
        return DateTimeOffset.FromUnixTimeSeconds(claim.Expires) < time.GetUtcNow() ? (TokenStatus.Expired, claim) : (TokenStatus.Valid, claim);
    }

    public static readonly IReadOnlyList<string> FeedbackPurposes = ["feedback:midpoint", "feedback:final", "feedback:adhoc"];

    private static bool Matches(string claimed, string purpose) =>
        purpose == "feedback" ? FeedbackPurposes.Contains(claimed) : string.Equals(claimed, purpose, StringComparison.Ordinal);

    /// <summary>
    /// The signed payload, read field by field: a signature proves who made a link, not that every version
    /// of the app made it with every field (a purpose missing, an expiry out of range).
    /// </summary>
    private static LinkClaim? ReadClaim(string payload)
    {
        if (!TryFromBase64Url(payload, out var bytes) || !System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException) { return null; }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Text(nameof(LinkClaim.Cohort)) is not { Length: > 0 } cohort || Text(nameof(LinkClaim.Person)) is not { Length: > 0 } person
                || Text(nameof(LinkClaim.Purpose)) is not { Length: > 0 } purpose
                || !root.TryGetProperty(nameof(LinkClaim.Expires), out var e) || e.ValueKind != JsonValueKind.Number
                || !e.TryGetInt64(out var expires) || expires < 0 || expires > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
                return null;
            return new LinkClaim(cohort, person, Text(nameof(LinkClaim.Match)), purpose, expires);
        }
    }

    private static byte[] Mac(byte[] key, string payload) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload))[..20];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        var buffer = new byte[s.Length * 3 / 4];
        var ok = Convert.TryFromBase64String(s, buffer, out var written);
        bytes = ok ? buffer[..written] : [];
        return ok;
    }
}
