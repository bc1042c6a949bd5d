using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace MentoringFunctions.Tests.Fuzz;

/// <summary>Malformed bodies, route values and links that no endpoint may answer with a 500 or act on.</summary>
public static class Malformations
{
    public static HttpContent Raw(byte[] bytes, string? type)
    {
        var content = new ByteArrayContent(bytes);
        if (type is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }

    public static HttpContent Text(string text, string? type = "application/json") => Raw(Encoding.UTF8.GetBytes(text), type);

    public static HttpContent Form(params (string Key, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>Bodies that are unreadable whatever the endpoint wants: the generic part of every body-reading case.</summary>
    public static IEnumerable<(string Name, Func<HttpContent?> Body)> Bodies(bool emptyIsValid)
    {
        if (!emptyIsValid)
        {
            yield return ("no body", () => null);
            yield return ("empty json", () => Text(""));
            yield return ("white space json", () => Text("  \n "));
        }
        yield return ("json array", () => Text("[]"));
        yield return ("json string", () => Text("\"x\""));
        yield return ("json null", () => Text("null"));
        yield return ("json number", () => Text("42"));
        yield return ("truncated json", () => Text("{\"name\":"));
        yield return ("invalid utf-8", () => Raw([.. "{\"name\":\""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8], "application/json"));
        yield return ("overlong utf-8 nul", () => Raw([.. "{\"name\":\""u8, 0xC0, 0x80, .. "\"}"u8], "application/json"));
        yield return ("lone high surrogate", () => Text("{\"name\":\"\\ud800\"}"));
        yield return ("lone low surrogate", () => Text("{\"name\":\"x\\udc00\",\"email\":\"\\ud800\\u0041\"}"));
        yield return ("surrogate in a property name", () => Text("{\"\\udfff\":1}"));
        yield return ("deep nesting", () => Text(new string('[', 20_000) + new string(']', 20_000)));
        yield return ("deep objects", () => Text(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)));
        yield return ("2 MB string", () => Text("{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));
        yield return ("xml", () => Text("<cohort><name>x</name></cohort>", "application/xml"));
        yield return ("json as text/csv", () => Text("{\"name\":\"x\"}", "text/csv"));
        yield return ("utf-16 json", () => Raw(Encoding.Unicode.GetBytes("{\"name\":\"x\"}"), "application/json; charset=utf-16"));
        yield return ("broken multipart", () => Text("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "multipart/form-data; boundary=xyz"));
        yield return ("multipart without boundary", () => Text("--x\r\n\r\n", "multipart/form-data"));
        yield return ("multipart with a 300-character boundary", () => Text("--" + new string('b', 300) + "\r\n", "multipart/form-data; boundary=" + new string('b', 300)));
        yield return ("form with 5,000 fields", () => Text(string.Join("&", Enumerable.Range(0, 5000).Select(i => $"f{i}=1")), "application/x-www-form-urlencoded"));
        yield return ("form value of 100 KB", () => Text("v=" + new string('a', 100 * 1024), "application/x-www-form-urlencoded"));
        yield return ("form of 3 MB", () => Text("v=" + new string('a', 3 * 1024 * 1024), "application/x-www-form-urlencoded"));
        yield return ("form with a 5 KB key", () => Text(new string('k', 5000) + "=1", "application/x-www-form-urlencoded"));
    }

    /// <summary>
    /// Route values that name nothing, or nothing a table key can hold. (A NUL in a path never reaches the
    /// app: Kestrel refuses it with a 400, and the test server will not send it.)
    /// </summary>
    public static IEnumerable<(string Name, string Value)> RouteValues()
    {
        yield return ("unknown", "nope-" + Guid.NewGuid().ToString("N")[..8]);
        yield return ("hash", "a%23b");
        yield return ("question mark", "a%3Fb");
        yield return ("backslash", "a%5Cb");
        yield return ("quote", "a%27b");
        yield return ("right-to-left override", "%E2%80%AEx");
        yield return ("long", new string('a', 1100));
        yield return ("control", "a%01b");
    }

    /// <summary>A link signed with the app's own secret but whose payload is <paramref name="claimJson"/>.</summary>
    public static string Signed(string secret, string claimJson)
    {
        var payload = Base64Url(Encoding.UTF8.GetBytes(claimJson));
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return payload + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload))[..20]);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Links that must not work for <paramref name="purpose"/>: broken, forged, signed without a purpose or for another.</summary>
    public static IEnumerable<(string Name, string? Token)> Tokens(FuzzWorld w, string purpose)
    {
        var far = DateTimeOffset.UnixEpoch.AddYears(200).ToUnixTimeSeconds();
        string Claim(string? p, object? expires = null) =>
            $"{{\"Cohort\":\"{w.Cohort}\",\"Person\":\"{w.MentorId}\",\"Match\":null{(p is null ? "" : $",\"Purpose\":\"{p}\"")},\"Expires\":{expires ?? far}}}";
        yield return ("no token", null);
        yield return ("empty token", "");
        yield return ("one part", "abc");
        yield return ("three parts", "a.b.c");
        yield return ("not base64", "!!!.???");
        yield return ("tampered", w.Tokens[purpose][..^2] + (w.Tokens[purpose].EndsWith("AA") ? "BB" : "AA"));
        yield return ("expired", w.Tokens["expired:" + purpose]);
        yield return ("signed, purpose missing", Signed(w.Secret, Claim(null)));
        yield return ("signed, purpose null", Signed(w.Secret, Claim(null).Replace("\"Match\":null", "\"Match\":null,\"Purpose\":null")));
        yield return ("signed, purpose with a suffix", Signed(w.Secret, Claim(purpose + "x")));
        yield return ("signed, unknown feedback stage", Signed(w.Secret, Claim("feedback:nope")));
        yield return ("signed, other purpose", Signed(w.Secret, Claim(purpose == "hours" ? "checkin" : "hours")));
        yield return ("signed, expiry out of range", Signed(w.Secret, Claim(purpose, "99999999999999999")));
        yield return ("signed, expiry a string", Signed(w.Secret, Claim(purpose, "\"soon\"")));
        yield return ("signed, not json", Signed(w.Secret, "not json"));
        yield return ("signed, json array", Signed(w.Secret, "[1,2]"));
        yield return ("signed, person missing", Signed(w.Secret, $"{{\"Cohort\":\"{w.Cohort}\",\"Purpose\":\"{purpose}\",\"Expires\":{far}}}"));
    }
}
