namespace MentoringFunctions.Core.Matching;

/// <summary>The working group's pairs resolved to app indices: locks (must match), excludes, previous partners.</summary>
internal sealed record PairConstraints(IReadOnlyList<(int Mentor, int Mentee)> Locks, PairSet Excluded, PairSet Previous)
{
    public static (PairConstraints? Value, List<string> Errors) Resolve(Pool pool, MatchSettings s)
    {
        var errors = new List<string>();
        var excluded = new PairSet(pool.Count);
        var previous = new PairSet(pool.Count);

        foreach (var pair in s.PreviousPairs)
            foreach (var a in pool.Resolve(pair.Mentor))
                foreach (var b in pool.Resolve(pair.Mentee))
                    if (a != b) previous.Add(a, b);

        foreach (var (pair, i) in s.Excludes.Select((p, i) => (p, i)))
            if (One(pool, pair.Mentor, $"excludes[{i}].mentor", errors) is { } a && One(pool, pair.Mentee, $"excludes[{i}].mentee", errors) is { } b)
                excluded.Add(a, b);

        var locks = new List<(int, int)>();
        foreach (var (pair, i) in s.Locks.Select((p, i) => (p, i)))
        {
            var m = One(pool, pair.Mentor, $"locks[{i}].mentor", errors);
            var e = One(pool, pair.Mentee, $"locks[{i}].mentee", errors);
            if (m is not { } mentor || e is not { } mentee) continue;
            if (!pool.Apps[mentor].OffersMentoring) errors.Add($"locks[{i}]: {pool.Apps[mentor].Id} applied as a mentee only, so cannot be locked as a mentor.");
            else if (!pool.Apps[mentee].WantsMentor) errors.Add($"locks[{i}]: {pool.Apps[mentee].Id} applied as a mentor only, so cannot be locked as a mentee.");
            else if (mentor == mentee) errors.Add($"locks[{i}]: {pool.Apps[mentor].Id} cannot mentor themselves.");
            else if (!locks.Contains((mentor, mentee))) locks.Add((mentor, mentee));
        }
        return errors.Count > 0 ? (null, errors) : (new PairConstraints(locks, excluded, previous), errors);
    }

    /// <summary>Checks locks against the rules and places; call once the rules are known.</summary>
    public List<string> CheckLocks(Compatibility compat)
    {
        var errors = new List<string>();
        var pool = compat.Pool;
        foreach (var (m, e) in Locks)
        {
            var failed = compat.Failures(m, e);
            if (failed != Rule.None)
                errors.Add($"lock {pool.Apps[m].Id} -> {pool.Apps[e].Id} breaks the rules: " +
                           string.Join(", ", RuleText.All.Where(r => failed.HasFlag(r)).Select(r => RuleText.Key(r))) + ".");
        }
        foreach (var g in Locks.GroupBy(l => l.Mentee).Where(g => g.Count() > 1).OrderBy(g => g.Key))
            errors.Add($"{pool.Apps[g.Key].Id} is locked to {g.Count()} mentors; a mentee has at most one.");
        foreach (var g in Locks.GroupBy(l => l.Mentor).Where(g => g.Count() > pool.Capacity[g.Key]).OrderBy(g => g.Key))
            errors.Add($"{pool.Apps[g.Key].Id} is locked to {g.Count()} mentees but has {pool.Capacity[g.Key]} place(s).");
        return errors;
    }

    private static int? One(Pool pool, string? reference, string where, List<string> errors)
    {
        var found = pool.Resolve(reference);
        if (found.Length == 1) return found[0];
        errors.Add(found.Length == 0
            ? $"{where}: '{reference}' is not the id or e-mail of any application."
            : $"{where}: '{reference}' is the e-mail of {found.Length} applications; use an id.");
        return null;
    }
}
