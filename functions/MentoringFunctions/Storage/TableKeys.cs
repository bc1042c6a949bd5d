using System.Globalization;
using System.Text;

namespace MentoringFunctions.Storage;

/// <summary>
/// Table keys may not hold / \ # ? or control characters, and '%' in keys trips some REST paths;
/// e-mail addresses and dedupe keys can hold any of them. Escaping just those as ~XX keeps
/// ordinary keys readable and every key unique and reversible.
/// </summary>
public static class TableKeys
{
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '~' or '\'' || char.IsControl(c))
                sb.Append('~').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Decode(string key)
    {
        var sb = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 2;
            }
            else sb.Append(key[i]);
        }
        return sb.ToString();
    }

    /// <summary>The first key after every key that starts with <paramref name="prefix"/>: a range query's end.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string JoinList(IEnumerable<string> items) => string.Join(";", items);

    public static IReadOnlyList<string> SplitList(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
