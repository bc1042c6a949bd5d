using Azure;

namespace MentoringFunctions.Email;

/// <summary>
/// An e-mail in the outbox as delivery sees it: the message, where it is (the pointer a queue
/// message carries; its RowKey is the escaped dedupe key) and how its delivery stands. ETag is
/// the stored version the lease and the outcome of a send are written against.
/// </summary>
public sealed record OutgoingEmail(
    OutboxPointer Pointer, string Kind, string ToEmail, string ToName, string Subject, string Html, string Text,
    IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<EmailAttachment> Attachments,
    OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt,
    DateTimeOffset? LeaseUntil, DateTimeOffset? SentAt, string LastError, string ProviderMessageId,
    ETag ETag = default);
