using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>For each "both" applicant: whom they mentor, who mentors them, and why not if not.</summary>
internal static class BothSummaries
{
    public static IReadOnlyList<BothSummary> Describe(Pool pool, int[] mentorOf, IReadOnlyList<UnmatchedMentee> unmatched)
    {
        var reasons = unmatched.ToDictionary(u => u.MenteeId, u => u.Reason, StringComparer.Ordinal);
        var mentees = new List<string>[pool.Count];
        for (var e = 0; e < pool.Count; e++)
            if (mentorOf[e] >= 0) (mentees[mentorOf[e]] ??= []).Add(pool.Apps[e].Id);

        var result = new List<BothSummary>();
        for (var i = 0; i < pool.Count; i++)
        {
            var app = pool.Apps[i];
            if (app.Role != Role.Both) continue;
            var mine = mentees[i] ?? [];
            var mentor = mentorOf[i] >= 0 ? pool.Apps[mentorOf[i]].Id : null;
            var asMentor = mine.Count == 0
                ? $"mentors nobody (0 of {pool.Capacity[i]} places used)"
                : $"mentors {string.Join(", ", mine)} ({mine.Count} of {pool.Capacity[i]} places)";
            var asMentee = mentor is not null
                ? $"is mentored by {mentor}"
                : $"own request for a mentor not matched: {reasons.GetValueOrDefault(app.Id, "")}";
            var sides = (mine.Count > 0, mentor is not null) switch
            {
                (true, true) => "Matched on both sides",
                (true, false) => "Matched as a mentor only",
                (false, true) => "Matched as a mentee only",
                _ => "Not matched on either side",
            };
            result.Add(new BothSummary(app.Id, mine, pool.Capacity[i], mentor, $"{sides}: {asMentor}; {asMentee}"));
        }
        return result;
    }
}
