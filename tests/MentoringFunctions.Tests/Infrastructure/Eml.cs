using System.Text;
using System.Text.RegularExpressions;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>An .eml file from the pickup folder read as a person's mail program shows it: subject, recipient, plain text.</summary>
public sealed partial record Eml(string To, string Subject, string Text)
{
    public static Eml Read(string path)
    {
        var raw = File.ReadAllText(path);
        string Header(string name) => Words().Replace(Regex.Match(raw, $@"^{name}: (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim(),
            m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
        var part = Regex.Match(raw,
            @"Content-Type: text/plain; charset=utf-8\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)");
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(part.Groups[1].Value, @"\s", "")));
        return new Eml(Header("To"), Header("Subject"), text);
    }

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex Words();
}
