using System.Text.RegularExpressions;

namespace MentoringFunctions.Matching;

/// <summary>A mentor and mentee by name, with their ids kept for the detail a page shows beside the names.</summary>
public sealed record NamedPair(string MentorId, string MentorName, string MenteeId, string MenteeName)
{
    public static NamedPair Of(string mentorId, string menteeId, IReadOnlyDictionary<string, ApplicantSnapshot> people) =>
        new(mentorId, PeopleNames.Name(mentorId, people), menteeId, PeopleNames.Name(menteeId, people));
}

/// <summary>
/// The working group reads people by name. The matcher's explanations name mentors by id (its core knows ids), so the
/// pages put names in where an explanation lists them: inside brackets, as "id, id" or "12: id, id and 3 more".
/// </summary>
public static partial class PeopleNames
{
    public static string Name(string id, IReadOnlyDictionary<string, ApplicantSnapshot> people) =>
        people.TryGetValue(id, out var person) && person.Name.Length > 0 ? person.Name : id;

    public static string InReason(string reason, IReadOnlyDictionary<string, ApplicantSnapshot> people) =>
        Bracketed().Replace(reason, group =>
        {
            var items = group.Groups["list"].Value.Split(", ");
            var named = items.Select(item => Item().Match(item) is { Success: true } m && people.ContainsKey(m.Groups["id"].Value)
                ? $"{m.Groups["count"].Value}{Name(m.Groups["id"].Value, people)} [{m.Groups["id"].Value}]{m.Groups["more"].Value}"
                : item).ToList();
            return $"({string.Join(", ", named)})";
        });

    /// <summary>A "both" applicant's summary with the people it names by name (it is built from exactly these ids).</summary>
    public static string InBoth(Core.Matching.BothSummary both, IReadOnlyDictionary<string, ApplicantSnapshot> people)
    {
        string Named(string id) => $"{Name(id, people)} [{id}]";
        var text = both.Mentees.Count == 0 ? both.Summary
            : both.Summary.Replace($"mentors {string.Join(", ", both.Mentees)} (", $"mentors {string.Join(", ", both.Mentees.Select(Named))} (");
        if (both.Mentor is { } mentor) text = text.Replace($"is mentored by {mentor}", $"is mentored by {Named(mentor)}");
        return InReason(text, people);
    }

    [GeneratedRegex(@"\((?<list>[^()]*)\)")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^(?<count>\d+: )?(?<id>.+?)(?<more> and \d+ more)?$")]
    private static partial Regex Item();
}
