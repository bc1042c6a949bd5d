namespace MentoringFunctions.Core.Matching;

/// <summary>Whose request for a mentor is served first when mentor places are scarce.</summary>
public enum BothPriority
{
    /// <summary>Pure mentees first; "both" applicants' own requests take the places left.</summary>
    PureMenteesFirst,
    /// <summary>Every request for a mentor counts the same.</summary>
    Equal,
}

/// <summary>
/// A mentor/mentee pair named by id or e-mail (ids are tried first). Previous pairs come from
/// earlier cohorts, where ids differ, so e-mails are the usual spelling there.
/// </summary>
public sealed record PairRef(string Mentor, string Mentee);

/// <summary>The hard rules of a cohort. Every rule can be switched off; values are tunable.</summary>
public sealed record MatchRules
{
    public bool RequireExperienceGap { get; init; } = true;
    /// <summary>A mentor has at least this many more years in the sector than the mentee.</summary>
    public int MinYearsGap { get; init; } = 2;
    /// <summary>Different organisations; a blank organisation never conflicts.</summary>
    public bool RequireDifferentOrganisation { get; init; } = true;
    /// <summary>In-person-only meets nobody online-only, and only in the same region.</summary>
    public bool RequireCompatibleMeeting { get; init; } = true;
    public bool RespectAvoidLists { get; init; } = true;
    public bool AvoidPreviousPartners { get; init; } = true;
    /// <summary>The mentor offers at least one topic the mentee seeks. Off by default: a pair can still fit on experience.</summary>
    public bool RequireSharedTopic { get; init; }
    /// <summary>Caps every mentor's places for this cohort (null: each mentor's own capacity).</summary>
    public int? MaxMenteesPerMentor { get; init; }
}

/// <summary>Points for each part of the fit; a pair scores at most their sum.</summary>
public sealed record FitWeights
{
    /// <summary>Full points when the mentor offers every topic the mentee seeks, pro rata otherwise.</summary>
    public int Topics { get; init; } = 60;
    /// <summary>Full points inside the ideal experience gap, falling to 0 over <see cref="IdealGap.FalloffYears"/>.</summary>
    public int Experience { get; init; } = 30;
    /// <summary>Full points for the same region when either side prefers to meet in person.</summary>
    public int Region { get; init; } = 10;
}

/// <summary>The experience gap (mentor's years minus mentee's) that fits best.</summary>
public sealed record IdealGap
{
    public int MinYears { get; init; } = 5;
    public int MaxYears { get; init; } = 10;
    public int FalloffYears { get; init; } = 10;
}

/// <summary>
/// How hard the engine works on large cohorts. Defaults suit every size; tests shrink them to
/// force the pruned path. Results are exact either way, or reported as not proven.
/// </summary>
public sealed record EngineSettings
{
    /// <summary>Up to this many mentor x mentee combinations, every compatible pair goes to the solver.</summary>
    public long FullGraphPairLimit { get; init; } = 4_000_000;
    /// <summary>With pruning: each mentee's best k mentors, and each mentor's best k x capacity mentees.</summary>
    public int CandidatesPerMentee { get; init; } = 5;
    /// <summary>With pruning, each list is drawn from at most this many people on the other side.</summary>
    public int CandidateWindow { get; init; } = 4096;
    /// <summary>Rounds of "add the pairs the certificate rejects, solve again" before giving up the proof; 0 skips the certificate.</summary>
    public int MaxCertificationRounds { get; init; } = 20;
    /// <summary>Threads for the pair scans; results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Per-cohort matching settings. Serialises to/from camelCase JSON (see <see cref="MatchSettingsJson"/>).</summary>
public sealed record MatchSettings
{
    public MatchRules Rules { get; init; } = new();
    public FitWeights Weights { get; init; } = new();
    public IdealGap IdealGap { get; init; } = new();
    public BothPriority BothPriority { get; init; } = BothPriority.PureMenteesFirst;
    /// <summary>Pairs the working group fixed: they must match, and must pass the rules.</summary>
    public IReadOnlyList<PairRef> Locks { get; init; } = [];
    /// <summary>Pairs the working group ruled out.</summary>
    public IReadOnlyList<PairRef> Excludes { get; init; } = [];
    /// <summary>Pairs from earlier cohorts (either direction counts as partners); unknown people are ignored.</summary>
    public IReadOnlyList<PairRef> PreviousPairs { get; init; } = [];
    public EngineSettings Engine { get; init; } = new();

    public static MatchSettings Default { get; } = new();
}
