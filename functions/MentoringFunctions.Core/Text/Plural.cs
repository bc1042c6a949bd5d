using System.Globalization;

namespace MentoringFunctions.Core.Text;

/// <summary>
/// "1 year", "2 years": a count with its noun, in one place for e-mails, pages and the digest's lines,
/// so no template guesses at an "s" of its own.
/// </summary>
public static class Plural
{
    /// <summary>The count and the noun; <paramref name="plural"/> for nouns that do not just take an "s".</summary>
    public static string Of(long count, string singular, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {Noun(count, singular, plural)}";

    /// <summary>The noun alone, for "mentee" or "mentees" after a count printed elsewhere.</summary>
    public static string Noun(long count, string singular, string? plural = null) =>
        count == 1 ? singular : plural ?? singular + "s";
}
