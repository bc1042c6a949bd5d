namespace MentoringFunctions.Core.Matching;

/// <summary>Range checks on settings values; errors name the camelCase JSON path.</summary>
public static class MatchSettingsValidator
{
    public const int MaxWeight = 10_000;

    public static IReadOnlyList<string> Validate(MatchSettings s)
    {
        var errors = new List<string>();
        void Check(bool ok, string message) { if (!ok) errors.Add(message); }

        Check(s.Rules.MinYearsGap is >= 0 and <= 60, $"rules.minYearsGap must be 0-60 (was {s.Rules.MinYearsGap}).");
        Check(s.Rules.MaxMenteesPerMentor is null or >= 1, $"rules.maxMenteesPerMentor must be at least 1, or null for each mentor's own capacity (was {s.Rules.MaxMenteesPerMentor}).");
        foreach (var (name, w) in new[] { ("topics", s.Weights.Topics), ("experience", s.Weights.Experience), ("region", s.Weights.Region) })
            Check(w is >= 0 and <= MaxWeight, $"weights.{name} must be 0-{MaxWeight} (was {w}).");
        Check(s.IdealGap.MinYears <= s.IdealGap.MaxYears, $"idealGap.minYears ({s.IdealGap.MinYears}) must not exceed idealGap.maxYears ({s.IdealGap.MaxYears}).");
        Check(s.IdealGap.MinYears is >= -60 and <= 60 && s.IdealGap.MaxYears is >= -60 and <= 60, "idealGap.minYears and idealGap.maxYears must be -60 to 60.");
        Check(s.IdealGap.FalloffYears is >= 0 and <= 60, $"idealGap.falloffYears must be 0-60 (was {s.IdealGap.FalloffYears}).");
        Check(Enum.IsDefined(s.BothPriority), $"bothPriority must be pureMenteesFirst or equal.");
        Check(s.Engine.FullGraphPairLimit >= 0, "engine.fullGraphPairLimit must not be negative.");
        Check(s.Engine.CandidatesPerMentee is >= 1 and <= 1000, "engine.candidatesPerMentee must be 1-1000.");
        Check(s.Engine.CandidateWindow >= 1, "engine.candidateWindow must be at least 1.");
        Check(s.Engine.MaxCertificationRounds is >= 0 and <= 1000, "engine.maxCertificationRounds must be 0-1000 (0: solve once, report bounds, no proof).");
        Check(s.Engine.MaxDegreeOfParallelism >= 1, "engine.maxDegreeOfParallelism must be at least 1.");
        foreach (var (list, name) in new[] { (s.Locks, "locks"), (s.Excludes, "excludes"), (s.PreviousPairs, "previousPairs") })
            for (var i = 0; i < list.Count; i++)
            {
                Check(list[i] is { Mentor.Length: > 0, Mentee.Length: > 0 }, $"{name}[{i}] needs both \"mentor\" and \"mentee\" (an id or e-mail).");
                Check(list[i] is not { } p || !string.Equals(p.Mentor, p.Mentee, StringComparison.OrdinalIgnoreCase),
                    $"{name}[{i}] pairs '{list[i]?.Mentor}' with themselves: a mentor and a mentee are two people.");
            }
        return errors;
    }
}
