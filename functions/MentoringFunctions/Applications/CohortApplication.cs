using Azure;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

/// <summary>
/// An application as a cohort holds it: what the applicant asked for, and its life in the cohort
/// (status, how the latest version arrived, version, when). ETag is the stored version a guarded
/// write must still find. LastChange is the id of the confirmed change that made this version (so confirming it
/// again changes nothing); ChangedAsOf is when the latest change to it was asked for (a change proposed before
/// that is out of date).
/// </summary>
public sealed record CohortApplication(
    string Cohort, Application Application, ApplicationStatus Status, string Source, DateTimeOffset? ConsentedAt,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, int Version, ETag ETag = default,
    string LastChange = "", DateTimeOffset? ChangedAsOf = null)
{
    // What lists, counts, warnings and the digest read about the person, without reaching into Application.
    public string Id => Application.Id;
    public string Email => Application.Email;
    public string Name => Application.Name;
    public Role Role => Application.Role;
    public int YearsInSector => Application.YearsInSector;
    public string Region => Application.Region;
}
