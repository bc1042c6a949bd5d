namespace MentoringFunctions.Core.Matching;

/// <summary>A pair's fit, part by part, with the facts behind each part.</summary>
public sealed record ScoreParts(
    int Topics,
    int Experience,
    int Region,
    IReadOnlyList<string> SharedTopics,
    int SoughtTopics,
    int YearsGap,
    bool SameRegion)
{
    public int Total => Topics + Experience + Region;
}

public sealed record MatchPair(string MentorId, string MenteeId, int Score, ScoreParts Parts, bool Locked, string Reasons);

/// <summary>Why a mentee got no mentor. Kind is "noCompatibleMentor" or "mentorsAtCapacity".</summary>
public sealed record UnmatchedMentee(
    string MenteeId,
    bool IsBoth,
    string Kind,
    string Reason,
    int CompatibleMentors,
    IReadOnlyDictionary<string, int> RuledOutByRule);

/// <summary>How a "both" applicant fared on each side.</summary>
public sealed record BothSummary(
    string Id,
    IReadOnlyList<string> Mentees,
    int Capacity,
    string? Mentor,
    string Summary);

public sealed record BandSupply(string Band, int Mentees, int MenteesMatched, int MentorPlaces, int MentorPlacesForThem, int Gap);

public sealed record TopicSupply(string Topic, int Mentees, int MentorPlaces, int Gap);

/// <summary>Who asked, who offered, and whom to recruit.</summary>
public sealed record SupplyDemand(
    int Mentees,
    int PureMentees,
    int BothApplicants,
    int Mentors,
    int MentorPlaces,
    IReadOnlyList<BandSupply> ByExperience,
    IReadOnlyList<TopicSupply> ByTopic,
    IReadOnlyList<string> Gaps);

/// <summary>
/// Whether the assignment is proven optimal over every assignment the rules allow. When it is
/// not: CountsProven says whether the number matched (pure mentees first) still is; if so,
/// ObjectiveGap bounds the missing total fit in points, otherwise it is in solver cost units and
/// MaxExtraMatches bounds how many more mentees an optimum could match (docs/matching.md).
/// ObjectiveGap is -1 when no bound is known (certification switched off and counts not proven).
/// </summary>
public sealed record Optimality(
    bool Proven,
    bool CountsProven,
    string Method,
    int MenteesMatched,
    int PureMenteesMatched,
    int BothRequestsMatched,
    long TotalFit,
    long CandidatePairs,
    int Rounds,
    long ObjectiveGap,
    long MaxExtraMatches,
    string Note);

public sealed record MatchResult(
    IReadOnlyList<string> Errors,
    IReadOnlyList<MatchPair> Pairs,
    IReadOnlyList<UnmatchedMentee> Unmatched,
    IReadOnlyList<BothSummary> Both,
    SupplyDemand? Summary,
    Optimality? Optimality)
{
    public bool IsValid => Errors.Count == 0;

    public static MatchResult Invalid(IReadOnlyList<string> errors) => new(errors, [], [], [], null, null);
}
