using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The true reason each unmatched mentee has no mentor: either no mentor passes the rules (and
/// which rules rule most out), or every mentor who passes is full with mentees the optimum needed.
/// </summary>
internal static class UnmatchedReasons
{
    public const string NoCompatibleMentor = "noCompatibleMentor";
    public const string MentorsAtCapacity = "mentorsAtCapacity";

    public static IReadOnlyList<UnmatchedMentee> Explain(Compatibility compat, int[] mentorOf, MatchSettings settings)
    {
        var pool = compat.Pool;
        var load = new int[pool.Count];
        var servesPure = new bool[pool.Count];
        for (var e = 0; e < pool.Count; e++)
        {
            if (mentorOf[e] < 0) continue;
            load[mentorOf[e]]++;
            if (pool.Apps[e].Role == Role.Mentee) servesPure[mentorOf[e]] = true;
        }
        var unmatched = pool.Mentees.Where(e => mentorOf[e] < 0).ToArray();
        var result = new UnmatchedMentee[unmatched.Length];
        Parallel.For(0, unmatched.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.Engine.MaxDegreeOfParallelism },
            i => result[i] = ExplainOne(compat, unmatched[i], load, servesPure, settings));
        return result;
    }

    private static UnmatchedMentee ExplainOne(Compatibility compat, int mentee, int[] load, bool[] servesPure, MatchSettings settings)
    {
        var pool = compat.Pool;
        var app = pool.Apps[mentee];
        var isBoth = app.Role == Role.Both;
        var counts = RuleText.All.ToDictionary(r => r, _ => 0);
        var failures = new List<Rule>();
        var compatible = new List<int>();
        foreach (var m in pool.Mentors)
        {
            if (m == mentee) continue;
            var failed = compat.Failures(m, mentee);
            if (failed == Rule.None) { compatible.Add(m); continue; }
            failures.Add(failed);
            foreach (var r in RuleText.All) if (failed.HasFlag(r)) counts[r]++;
        }
        var byRule = counts.Where(c => c.Value > 0).ToDictionary(c => RuleText.Key(c.Key), c => c.Value);

        if (compatible.Count == 0)
            return new UnmatchedMentee(app.Id, isBoth, NoCompatibleMentor, NoMentorText(compat, app, failures, counts), 0, byRule);

        var spare = compatible.Where(m => load[m] < pool.Capacity[m]).ToList();
        var names = string.Join(", ", compatible.Take(5).Select(m => pool.Apps[m].Id)) + (compatible.Count > 5 ? $" and {compatible.Count - 5} more" : "");
        string text;
        if (spare.Count > 0)
            text = $"{compatible.Count} mentor(s) pass the rules ({names}) and {spare.Count} still had places in the best assignment found; the result is not proven optimal.";
        else
        {
            text = $"Every mentor who passes the rules ({compatible.Count}: {names}) is at capacity with other mentees the optimum needed.";
            if (isBoth && settings.BothPriority == BothPriority.PureMenteesFirst && compatible.Any(m => servesPure[m]))
                text += " Pure mentees come before \"both\" applicants' own requests in this cohort (bothPriority: pureMenteesFirst).";
        }
        return new UnmatchedMentee(app.Id, isBoth, MentorsAtCapacity, text, compatible.Count, byRule);
    }

    private static string NoMentorText(Compatibility compat, Application app, List<Rule> failures, Dictionary<Rule, int> counts)
    {
        var mentors = failures.Count;
        if (mentors == 0) return "No one else in the cohort offers mentoring.";
        // The fewest rules, most restrictive first, that together rule out every mentor: the plain reason.
        var chosen = new List<Rule>();
        var covered = Rule.None;
        foreach (var r in counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => c.Key))
        {
            chosen.Add(r);
            covered |= r;
            if (failures.All(f => (f & covered) != 0)) break;
        }
        var region = app.Meeting == MeetingPreference.InPerson ? app.Region : "";
        var qualifiers = chosen.Where(r => r != Rule.Experience).Select(r => RuleText.Qualifier(r, compat.MinGap, region)).ToList();
        var predicate = chosen.Contains(Rule.Experience) ? RuleText.Qualifier(Rule.Experience, compat.MinGap, region) : "applied";
        var summary = $"No mentor {string.Join(" and ", qualifiers)}{(qualifiers.Count > 0 ? " " : "")}{predicate}".Replace("  ", " ");
        var details = string.Join(", ", counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key)
            .Select((c, i) => $"{c.Value} {(i == 0 ? "ruled out " : "")}by {RuleText.Failure(c.Key, compat.MinGap)}"));
        var experience = counts[Rule.Experience] > 0 ? $" You have {Text.Plural.Of(app.YearsInSector, "year")}." : "";
        var sought = counts[Rule.Topic] > 0
            ? app.Seeks.Count > 0 ? $" You seek {string.Join(", ", app.Seeks)}." : " You did not say which topics you seek."
            : "";
        return $"{summary}. Of {mentors} mentor{(mentors == 1 ? "" : "s")}: {details}.{experience}{sought}";
    }
}
