using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace MentoringFunctions.Email;

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    /// <summary>The provider refused it for good (bad address, bad key); kept for a person to look at.</summary>
    Failed,
}

/// <summary>
/// Table "outbox". PartitionKey = the cohort the e-mail belongs to plus a bucket (see
/// <see cref="PartitionFor"/>), so a cohort's mail is written in batches and listed with one
/// range query; RowKey = the e-mail's
/// deterministic dedupe key (kind, person, period...), so queueing the same e-mail twice is a
/// 409 on insert, not a second message.
/// </summary>
internal sealed class OutboxEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public string ToEmail { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Html { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Extra headers as "Name: value" lines (e.g. List-Unsubscribe).</summary>
    public string Headers { get; set; } = "";
    /// <summary>Small attachments (calendar invites) as JSON; a property holds at most 64 KB.</summary>
    public string Attachments { get; set; } = "";

    [IgnoreDataMember]
    public OutboxStatus Status
    {
        get => Storage.StoredText.Parse<OutboxStatus>(StoredStatus);
        set => StoredStatus = value.ToString();
    }
    [DataMember(Name = "Status")]
    public string StoredStatus { get; set; } = nameof(OutboxStatus.Pending);
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string LastError { get; set; } = "";
    public string ProviderMessageId { get; set; } = "";
    /// <summary>When the retention emptied the body, headers and attachments; the record of the send stays.</summary>
    public DateTimeOffset? BodyRemovedAt { get; set; }

    public IReadOnlyList<EmailAttachment> AttachmentList() =>
        string.IsNullOrEmpty(Attachments) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<EmailAttachment>>(Attachments) ?? [];

    public const int Buckets = 32;

    /// <summary>
    /// "cohort|NN": the cohort's mail is spread over 32 partitions by a hash of the key. The
    /// bucket is a function of the key, so dedupe still holds; no partition grows with every
    /// e-mail of the year (the storage emulator slows with partition size), and a day's
    /// e-mails still go in as batches of 100 per partition.
    /// </summary>
    public static string PartitionFor(string partition, string key) =>
        $"{Storage.TableKeys.Encode(partition)}|{System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))[0] % Buckets:D2}";

    /// <summary>An OData filter for every e-mail of a cohort (all its buckets).</summary>
    public static string CohortFilter(string partition) =>
        Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey ge {Storage.TableKeys.Encode(partition) + "|"} and PartitionKey lt {Storage.TableKeys.Encode(partition) + "}"}");

    public static OutboxEntity From(EmailMessage message, DateTimeOffset now) => new()
    {
        PartitionKey = PartitionFor(message.Partition, message.Key),
        RowKey = Storage.TableKeys.Encode(message.Key),
        Kind = message.Kind,
        ToEmail = message.ToEmail,
        ToName = message.ToName,
        Subject = message.Subject,
        Html = Fit(message.Html),
        Text = Fit(message.Text),
        Headers = JoinHeaders(message.Headers ?? new Dictionary<string, string>()),
        Attachments = JoinAttachments(message.Attachments ?? []),
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public OutgoingEmail ToOutgoing() => new(new OutboxPointer(PartitionKey, RowKey), Kind, ToEmail, ToName, Subject,
        Html, Text, HeaderPairs().ToList(), AttachmentList(), Status, Attempts, CreatedAt, NextAttemptAt, LeaseUntil,
        SentAt, LastError, ProviderMessageId, ETag);

    /// <summary>Written back whole (a replace), so headers and attachments are encoded as when it was queued.</summary>
    public static OutboxEntity From(OutgoingEmail e) => new()
    {
        PartitionKey = e.Pointer.PartitionKey, RowKey = e.Pointer.RowKey, ETag = e.ETag, Kind = e.Kind,
        ToEmail = e.ToEmail, ToName = e.ToName, Subject = e.Subject, Html = e.Html, Text = e.Text,
        Headers = JoinHeaders(e.Headers),
        Attachments = JoinAttachments(e.Attachments), Status = e.Status, Attempts = e.Attempts, CreatedAt = e.CreatedAt,
        NextAttemptAt = e.NextAttemptAt, LeaseUntil = e.LeaseUntil, SentAt = e.SentAt, LastError = e.LastError,
        ProviderMessageId = e.ProviderMessageId,
    };

    private static string JoinHeaders(IEnumerable<KeyValuePair<string, string>> headers) =>
        string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value}"));

    private static string JoinAttachments(IReadOnlyList<EmailAttachment> attachments) =>
        attachments.Count > 0 ? System.Text.Json.JsonSerializer.Serialize(attachments) : "";

    // A string property holds 64 KB (32,000 UTF-16 characters); a body is never allowed to make the insert fail.
    private static string Fit(string body) => body.Length <= 30_000 ? body : body[..30_000] + "\n[…cut: too long for one e-mail]";

    public IEnumerable<KeyValuePair<string, string>> HeaderPairs() =>
        Headers.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(p => p.Length == 2)
            .Select(p => KeyValuePair.Create(p[0].Trim(), p[1].Trim()));
}

/// <summary>An e-mail to put in the outbox. Key is its dedupe key; Partition usually the cohort id.</summary>
public sealed record EmailMessage(
    string Partition, string Key, string Kind, string ToEmail, string ToName,
    string Subject, string Html, string Text, IReadOnlyDictionary<string, string>? Headers = null,
    IReadOnlyList<EmailAttachment>? Attachments = null);

public sealed record EmailAttachment(string FileName, string ContentType, string Base64);
