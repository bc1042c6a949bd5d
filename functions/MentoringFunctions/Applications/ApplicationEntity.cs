using System.Security.Cryptography;
using System.Text;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Applications;

/// <summary>
/// Table "applications". PartitionKey = cohort id + "." + one of 16 buckets by e-mail, so a match run or an export
/// reads one key range; RowKey = the normalised e-mail (escaped), which makes "one application per person
/// per cohort" a property of the key: a second submission can only update, never duplicate.
/// The buckets are for writes: Azurite checks every insert against its whole partition, so a 50,000-row cohort in
/// one partition imports in quadratic time (241 s against 5 s for 10,000 rows); Azure spreads load by partition too.
/// </summary>
internal sealed class ApplicationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Id { get; set; } = "";
    [IgnoreDataMember]
    public Role Role
    {
        get => RoleNames.TryParseRole(StoredRole, out var r) ? r : throw new InvalidDataException($"'{StoredRole}' is not a stored role.");
        set => StoredRole = value.ToText();
    }
    /// <summary>The form's and the CSV's word: mentor, mentee or both.</summary>
    [DataMember(Name = "Role")]
    public string StoredRole { get; set; } = "";
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
    /// <summary>The pending change this version confirmed, if any: a second confirmation of it finds itself here.</summary>
    public string LastChange { get; set; } = "";
    /// <summary>When this version's change was asked for; rows from before it have none (their UpdatedAt stands in).</summary>
    public DateTimeOffset? ChangedAsOf { get; set; }
    [IgnoreDataMember]
    public ApplicationStatus Status
    {
        get => StoredText.Parse<ApplicationStatus>(StoredStatus);
        set => StoredStatus = value.ToText();
    }
    /// <summary>Lower case ("active", "withdrawn"), as every row written so far has it.</summary>
    [DataMember(Name = "Status")]
    public string StoredStatus { get; set; } = ApplicationStatus.Active.ToText();

    public const int Buckets = 16;

    public static string KeyFor(string email) => TableKeys.Encode(email.Trim().ToLowerInvariant());

    /// <summary>The cohort's bucket for this e-mail: a hash, so it never changes and spreads evenly.</summary>
    public static string PartitionFor(string cohortId, string email) =>
        $"{cohortId}.{SHA256.HashData(Encoding.UTF8.GetBytes(KeyFor(email)))[0] % Buckets:x}";

    /// <summary>Every bucket of the cohort: the partitions that start "{cohort}." (cohort ids have no '.').</summary>
    public static (string From, string Below) PartitionRange(string cohortId) =>
        (cohortId + ".", TableKeys.PrefixEnd(cohortId + "."));

    public static string CohortOf(string partitionKey) => partitionKey[..partitionKey.LastIndexOf('.')];

    public void Apply(string cohortId, Application a)
    {
        PartitionKey = PartitionFor(cohortId, a.Email);
        RowKey = KeyFor(a.Email);
        Id = a.Id;
        Role = a.Role;
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
        RoleNames.TryParseMeeting(Meeting, out var meeting);
        return new Application(Id, Role, Name, Email, Organisation, YearsInSector, Region, meeting,
            TableKeys.SplitList(Offers), TableKeys.SplitList(Seeks), Capacity, TableKeys.SplitList(Avoid), Notes);
    }

    public CohortApplication ToRecord() =>
        new(CohortOf(PartitionKey), ToApplication(), Status, Source, ConsentedAt, SubmittedAt, UpdatedAt, Version, ETag, LastChange,
            ChangedAsOf);

    public static ApplicationEntity From(CohortApplication a)
    {
        var entity = new ApplicationEntity
        {
            ETag = a.ETag, Status = a.Status, Source = a.Source, ConsentedAt = a.ConsentedAt,
            SubmittedAt = a.SubmittedAt, UpdatedAt = a.UpdatedAt, Version = a.Version,
            LastChange = a.LastChange, ChangedAsOf = a.ChangedAsOf,
        };
        entity.Apply(a.Cohort, a.Application);
        return entity;
    }
}

/// <summary>Erased: an anonymous record kept for counts after the person's data was erased (no name, e-mail or free text).</summary>
public enum ApplicationStatus { Active, Withdrawn, Erased }

public static class ApplicationStatuses
{
    /// <summary>The stored and API spelling.</summary>
    public static string ToText(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Active => "active",
        ApplicationStatus.Withdrawn => "withdrawn",
        ApplicationStatus.Erased => "erased",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown application status"),
    };
}
