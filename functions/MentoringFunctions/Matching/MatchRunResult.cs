using System.Text.Json;
using System.Text.Json.Serialization;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

/// <summary>An applicant as the run saw them; Version tells publishing who changed since.</summary>
public sealed record ApplicantSnapshot(string Id, [property: JsonConverter(typeof(CamelCaseEnum<Role>))] Role Role, string Name,
    string Email, string Organisation, int YearsInSector,
    string Region, string Meeting, IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, int Capacity, int Version);

/// <summary>Everything a run produced, stored as a blob beside the run and shown on the review page.</summary>
public sealed record MatchRunResult(
    IReadOnlyList<string> Errors,
    IReadOnlyList<MatchPair> Pairs,
    IReadOnlyList<UnmatchedMentee> Unmatched,
    IReadOnlyList<BothSummary> Both,
    SupplyDemand? Summary,
    Optimality? Optimality,
    IReadOnlyList<ApplicantSnapshot> Applicants,
    double EngineMilliseconds)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Runs the engine on a cohort's active applications. Pure but for the clock that times it.</summary>
    public static MatchRunResult Compute(IReadOnlyList<CohortApplication> stored, MatchSettings settings,
        TimeProvider time)
    {
        var active = stored.Where(s => s.Status == ApplicationStatus.Active)
            .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var applications = active.Select(s => s.Application).ToList();
        var started = time.GetTimestamp();
        var result = Matcher.Run(applications, settings);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        var snapshot = active.Select(s =>
        {
            var a = s.Application;
            return new ApplicantSnapshot(a.Id, a.Role, a.Name, a.Email, a.Organisation, a.YearsInSector, a.Region,
                a.Meeting.ToText(), a.Offers, a.Seeks, a.Capacity, s.Version);
        }).ToList();
        return new MatchRunResult(result.Errors, result.Pairs, result.Unmatched, result.Both, result.Summary,
            result.Optimality, snapshot, elapsed);
    }

    public IReadOnlyDictionary<string, ApplicantSnapshot> ById() => Applicants.ToDictionary(a => a.Id, StringComparer.Ordinal);
}
