namespace MentoringFunctions.Email;

/// <summary>An e-mail in the outbox as the working group's page lists it: what was sent to whom, and how it went.</summary>
public sealed record OutboxEmail(
    string Key, string Kind, string ToEmail, string ToName, string Subject, string Text, OutboxStatus Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string LastError);
