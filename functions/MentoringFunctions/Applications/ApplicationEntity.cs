using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

/// <summary>
/// Table "applications". PartitionKey = cohort id, so a match run or an export reads one
/// partition; RowKey = the normalised e-mail (escaped), which makes "one application per person
/// per cohort" a property of the key: a second submission can only update, never duplicate.
/// </summary>
public sealed class ApplicationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Id { get; set; } = "";
    public string Role { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Organisation { get; set; } = "";
    public int YearsInSector { get; set; }
    public string Region { get; set; } = "";
    public string Meeting { get; set; } = "";
    public string Offers { get; set; } = "";
    public string Seeks { get; set; } = "";
    public int Capacity { get; set; }
    public string Avoid { get; set; } = "";
    public string Notes { get; set; } = "";

    /// <summary>form, api or import: how the latest version arrived.</summary>
    public string Source { get; set; } = "";
    public DateTimeOffset? ConsentedAt { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>1 for the first submission, +1 for each change; part of e-mail dedupe keys.</summary>
    public int Version { get; set; }
    public string Status { get; set; } = ApplicationStatus.Active;

    public static string KeyFor(string email) => TableKeys.Encode(email.Trim().ToLowerInvariant());

    public void Apply(string cohortId, Application a)
    {
        PartitionKey = cohortId;
        RowKey = KeyFor(a.Email);
        Id = a.Id;
        Role = a.Role.ToText();
        Name = a.Name;
        Email = a.Email;
        Organisation = a.Organisation;
        YearsInSector = a.YearsInSector;
        Region = a.Region;
        Meeting = a.Meeting.ToText();
        Offers = TableKeys.JoinList(a.Offers);
        Seeks = TableKeys.JoinList(a.Seeks);
        Capacity = a.Capacity;
        Avoid = TableKeys.JoinList(a.Avoid);
        Notes = a.Notes;
    }

    public Application ToApplication()
    {
        RoleNames.TryParseRole(Role, out var role);
        RoleNames.TryParseMeeting(Meeting, out var meeting);
        return new Application(Id, role, Name, Email, Organisation, YearsInSector, Region, meeting,
            TableKeys.SplitList(Offers), TableKeys.SplitList(Seeks), Capacity, TableKeys.SplitList(Avoid), Notes);
    }
}

public static class ApplicationStatus
{
    public const string Active = "active";
    public const string Withdrawn = "withdrawn";
}
