using Azure;
using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Applications;

public enum PendingChangeStatus
{
    /// <summary>Waiting for the owner to confirm it from the link in the e-mail.</summary>
    Pending,
    /// <summary>A confirmation has claimed it and is writing the application (a crashed one is taken over later).</summary>
    Applying,
    /// <summary>Confirmed and stored as <see cref="PendingChange.AppliedVersion"/> of the application.</summary>
    Applied,
    /// <summary>The application changed after this was proposed; confirming it would undo a newer change.</summary>
    Overtaken,
}

/// <summary>
/// A re-submission for an address that has already applied, kept apart from the application until the
/// address's owner confirms it. Id is derived from what is proposed and the version it was proposed against,
/// so a retried or double-clicked submission finds the same change instead of making another.
/// </summary>
public sealed record PendingChange(
    string Cohort, string Id, Application Proposed, string Source, bool Reopens, int BaseVersion,
    DateTimeOffset ProposedAt, DateTimeOffset ExpiresAt, PendingChangeStatus Status,
    DateTimeOffset? ClaimedAt = null, int AppliedVersion = 0, ETag ETag = default)
{
    public string Email => Proposed.Email;
}
