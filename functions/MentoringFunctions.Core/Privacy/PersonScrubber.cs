using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace MentoringFunctions.Core.Privacy;

/// <summary>Someone whose personal data is being erased: how they can be found in stored text.</summary>
public sealed record ErasedPerson(string Id, string Email, string Name);

/// <summary>
/// Finds erased people in stored text and takes them out: a value that is their e-mail becomes empty, a value that is
/// their name becomes <see cref="ErasedName"/>, and a mention inside longer text (an e-mail body, a warning, a
/// partner's comment) becomes <see cref="Placeholder"/>. Pure: the stores hand it strings, JSON and CSV.
/// </summary>
public sealed class PersonScrubber
{
    public const string ErasedName = "An erased participant";
    public const string Placeholder = "an erased participant";
    // Shorter names ("Al") would match inside ordinary words; the e-mail still finds their records.
    private const int MinNameLength = 3;

    private readonly HashSet<string> _emails;
    private readonly HashSet<string> _names;
    private readonly Regex? _mentions;

    public PersonScrubber(IEnumerable<ErasedPerson> people)
    {
        var list = people.ToList();
        _emails = list.Select(p => p.Email.Trim()).Where(e => e.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _names = list.Select(p => p.Name.Trim()).Where(n => n.Length >= MinNameLength)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Mail bodies are HTML: a name with an apostrophe is stored encoded, and must be found that way too.
        var needles = _emails.Concat(_names).SelectMany(n => new[] { n, WebUtility.HtmlEncode(n),
                System.Text.Encodings.Web.HtmlEncoder.Default.Encode(n) })
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(n => n.Length).Select(Regex.Escape).ToList();
        if (needles.Count > 0)
            _mentions = new Regex(string.Join('|', needles), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(5));
    }

    public bool IsEmpty => _mentions is null;

    public bool IsErasedEmail(string? value) => value is not null && _emails.Contains(value.Trim());

    public bool Mentions(string? text) => text is { Length: > 0 } && _mentions is not null && _mentions.IsMatch(text);

    /// <summary>The text without the people in it (unchanged when it does not mention them).</summary>
    public string Scrub(string text)
    {
        if (!Mentions(text)) return text;
        if (_emails.Contains(text.Trim())) return "";
        if (_names.Contains(text.Trim())) return ErasedName;
        return _mentions!.Replace(text, Placeholder);
    }

    /// <summary>
    /// A JSON document without the people: every string scrubbed, and in an object that holds one of their e-mail
    /// addresses (an applicant's snapshot, an import report row) the employer and notes emptied as well.
    /// </summary>
    public JsonNode? ScrubJson(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var theirs = obj.Any(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && IsErasedEmail(s));
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue && theirs && key.ToLowerInvariant() is "organisation" or "notes" or "avoid")
                        obj[key] = "";
                    else if (Scrubbed(value) is { } text) obj[key] = text;
                    else ScrubJson(value);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (Scrubbed(array[i]) is { } text) array[i] = text;
                    else ScrubJson(array[i]);
                break;
        }
        return node;
    }

    // A string value that mentions them, scrubbed; null for anything else (containers are scrubbed in place).
    private string? Scrubbed(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && Mentions(text) ? Scrub(text) : null;

    /// <summary>Lines of JSON (an import report): each line scrubbed on its own.</summary>
    public string ScrubJsonLines(string text) => string.Join('\n', text.Split('\n').Select(line =>
        line.Trim().Length == 0 || !Mentions(line) ? line : ScrubJson(JsonNode.Parse(line))!.ToJsonString()));

    /// <summary>A CSV file (an upload): a record holding one of their addresses goes; other records are scrubbed.</summary>
    public string ScrubCsv(string csv)
    {
        if (!Mentions(csv)) return csv;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null };
        using var reader = new CsvReader(new StringReader(csv), config);
        using var output = new StringWriter();
        using var writer = new CsvWriter(output, config);
        while (reader.Read())
        {
            var fields = reader.Parser.Record ?? [];
            if (fields.Any(IsErasedEmail)) continue;
            foreach (var field in fields) writer.WriteField(Scrub(field));
            writer.NextRecord();
        }
        writer.Flush();
        return output.ToString();
    }
}
