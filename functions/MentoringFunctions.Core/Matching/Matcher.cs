using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Matching;

/// <summary>
/// Batch matching for one cohort: the maximum number of mentees matched under the hard rules
/// (pure mentees first by default), then the maximum total fit. Pure and deterministic: the
/// result depends only on the set of applications and the settings, not on their order.
/// </summary>
public static class Matcher
{
    public static MatchResult Run(IReadOnlyList<Application> applications, MatchSettings settings)
    {
        var errors = MatchSettingsValidator.Validate(settings).ToList();
        foreach (var id in applications.GroupBy(a => a.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Order(StringComparer.Ordinal))
            errors.Add($"application id '{id}' appears more than once.");
        if (errors.Count > 0) return MatchResult.Invalid(errors);

        var pool = Pool.Build(applications, settings);
        var (constraints, pairErrors) = PairConstraints.Resolve(pool, settings);
        if (constraints is null) return MatchResult.Invalid(pairErrors);
        var compat = new Compatibility(pool, settings.Rules, constraints.Previous, constraints.Excluded);
        var lockErrors = constraints.CheckLocks(compat);
        if (lockErrors.Count > 0) return MatchResult.Invalid(lockErrors);

        var fit = new Fit(settings.Weights, settings.IdealGap, pool.SeekCount.DefaultIfEmpty(0).Max());
        var places = (int[])pool.Capacity.Clone();
        var lockedMentees = new HashSet<int>();
        foreach (var (m, e) in constraints.Locks) { places[m]--; lockedMentees.Add(e); }

        var problem = Problem.Create(compat, fit, pool.Mentors, pool.Mentors.Select(m => places[m]).ToArray(),
            pool.Mentees.Where(e => !lockedMentees.Contains(e)).ToArray(), settings.BothPriority);
        var solution = Optimiser.Solve(problem, settings.Engine);

        // Final assignment over app indices: mentee -> mentor.
        var mentorOf = Enumerable.Repeat(-1, pool.Count).ToArray();
        foreach (var (m, e) in constraints.Locks) mentorOf[e] = m;
        for (var v = 0; v < problem.MenteeCount; v++)
            if (solution.MentorOf[v] >= 0) mentorOf[problem.MenteeApp[v]] = problem.MentorApp[solution.MentorOf[v]];

        var pairs = pool.Mentees.Where(e => mentorOf[e] >= 0)
            .Select(e => PairReasons.Describe(pool, fit, settings.IdealGap, mentorOf[e], e, lockedMentees.Contains(e)))
            .OrderBy(p => p.MentorId, StringComparer.Ordinal).ThenBy(p => p.MenteeId, StringComparer.Ordinal)
            .ToList();
        var unmatched = UnmatchedReasons.Explain(compat, mentorOf, settings);
        var both = BothSummaries.Describe(pool, mentorOf, unmatched);
        var summary = SupplyDemandSummary.Build(pool, mentorOf, compat.MinGap);
        if (!solution.Proven) solution = Bound(solution, pool, fit, settings.Rules, mentorOf, unmatched, pairs);
        return new MatchResult([], pairs, unmatched, both, summary, Describe(problem, solution, pool, mentorOf, pairs));
    }

    // Out of certificate rounds: add the cheap, always-valid arguments to the certificate's own.
    private static Solution Bound(Solution s, Pool pool, Fit fit, MatchRules rules, int[] mentorOf, IReadOnlyList<UnmatchedMentee> unmatched, List<MatchPair> pairs)
    {
        var countsProven = s.CountsProven || FitBound.CountsObviouslyOptimal(unmatched);
        if (!countsProven)
            return s with { Note = s.Gap >= 0 ? $"not proven: {s.Note}; the objective is within {s.Gap} cost units of the optimum" : $"not proven: {s.Note}" };
        // With the counts fixed, the certificate's gap is in fit points; so is the simple bound's.
        var simple = FitBound.UpperBound(pool, fit, rules, mentorOf, unmatched) - pairs.Sum(p => (long)p.Score);
        var gap = s.CountsProven ? Math.Min(s.Gap, simple) : simple;
        return s with
        {
            CountsProven = true,
            Gap = gap,
            Note = $"the number matched (pure mentees first) is proven optimal; the total fit is within {gap} points of the optimum ({s.Note})",
        };
    }

    private static Optimality Describe(Problem p, Solution s, Pool pool, int[] mentorOf, List<MatchPair> pairs)
    {
        var matched = pool.Mentees.Where(e => mentorOf[e] >= 0).ToList();
        var both = matched.Count(e => pool.Apps[e].Role == Role.Both);
        var unmatchedCount = pool.Mentees.Length - matched.Count;
        // Cost-unit gap -> at most this many more matches (docs/matching.md, "Certificate").
        var maxExtra = s.Proven || s.CountsProven ? 0
            : s.Gap > 0 ? Math.Min(unmatchedCount, (s.Gap + p.MaxCost * p.MenteeCount) / p.MatchValue)
            : unmatchedCount;
        return new Optimality(s.Proven, s.CountsProven, s.Method, matched.Count, matched.Count - both, both,
            pairs.Sum(x => (long)x.Score), s.CandidatePairs, s.Rounds, s.Proven ? 0 : s.Gap, maxExtra, s.Note);
    }
}
