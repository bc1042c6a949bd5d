using System.Text.Json;
using MentoringFunctions.Core.Cohorts;

namespace MentoringFunctions.Cohorts;

/// <summary>What an edit of a cohort changed, in words for the audit log, and whose access it changed.</summary>
public static class CohortChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static (string Summary, IReadOnlyList<string> People) Describe(Cohort before, Cohort after)
    {
        var old = JsonSerializer.SerializeToElement(before, Json);
        var changed = JsonSerializer.SerializeToElement(after, Json).EnumerateObject()
            .Where(p => !old.TryGetProperty(p.Name, out var v) || v.GetRawText() != p.Value.GetRawText())
            .Select(p => p.Name).ToList();
        static IEnumerable<string> Members(Cohort c) =>
            c.WorkingGroupEmails.Select(e => "organiser " + e).Concat(c.ReviewerEmails.Select(e => "reviewer " + e));
        var added = Members(after).Except(Members(before)).Select(m => "+" + m);
        var removed = Members(before).Except(Members(after)).Select(m => "-" + m);
        var access = added.Concat(removed).ToList();
        var summary = changed.Count == 0 ? "Saved without changes" : "Changed " + string.Join(", ", changed);
        if (access.Count > 0) summary += $" (access: {string.Join(", ", access)})";
        var people = after.WorkingGroupEmails.Concat(after.ReviewerEmails).Concat(before.WorkingGroupEmails)
            .Concat(before.ReviewerEmails).Where(e => access.Any(a => a.EndsWith(" " + e, StringComparison.Ordinal)))
            .Distinct().ToList();
        return (summary, people);
    }
}
