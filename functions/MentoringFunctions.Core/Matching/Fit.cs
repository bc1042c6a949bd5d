namespace MentoringFunctions.Core.Matching;

/// <summary>
/// The fit formula, in whole points so totals compare exactly (no floating-point ties). The pair
/// scans use the tables; explanations call the same functions, so the two can never disagree.
/// </summary>
internal sealed class Fit
{
    private readonly FitWeights _weights;
    private readonly int[][] _topicPoints;
    private readonly int[] _experiencePoints;
    private const int GapOffset = 100;

    public Fit(FitWeights weights, IdealGap ideal, int maxSought)
    {
        _weights = weights;
        _topicPoints = Enumerable.Range(0, maxSought + 1)
            .Select(sought => Enumerable.Range(0, sought + 1).Select(shared => TopicPoints(weights.Topics, shared, sought)).ToArray())
            .ToArray();
        _experiencePoints = Enumerable.Range(-GapOffset, 2 * GapOffset + 1).Select(g => ExperiencePoints(weights.Experience, ideal, g)).ToArray();
    }

    public int Max => _weights.Topics + _weights.Experience + _weights.Region;
    public FitWeights Weights => _weights;

    public int Topics(int shared, int sought) => _topicPoints[sought][shared];

    public int Experience(int gap) => _experiencePoints[Math.Clamp(gap, -GapOffset, GapOffset) + GapOffset];

    public int Region(bool sameRegion, bool inPersonWanted) => sameRegion && inPersonWanted ? _weights.Region : 0;

    public int Score(int shared, int sought, int gap, bool sameRegion, bool inPersonWanted) =>
        Topics(shared, sought) + Experience(gap) + Region(sameRegion, inPersonWanted);

    /// <summary>weight x shared / sought, rounded half up; no sought topics scores nothing.</summary>
    public static int TopicPoints(int weight, int shared, int sought) =>
        sought == 0 ? 0 : (2 * weight * shared + sought) / (2 * sought);

    /// <summary>Full weight inside the band, falling linearly to 0 at FalloffYears outside it (rounded half up).</summary>
    public static int ExperiencePoints(int weight, IdealGap ideal, int gap)
    {
        var distance = gap < ideal.MinYears ? ideal.MinYears - gap : gap > ideal.MaxYears ? gap - ideal.MaxYears : 0;
        if (distance == 0) return weight;
        if (ideal.FalloffYears <= 0 || distance >= ideal.FalloffYears) return 0;
        return (2 * weight * (ideal.FalloffYears - distance) + ideal.FalloffYears) / (2 * ideal.FalloffYears);
    }
}
