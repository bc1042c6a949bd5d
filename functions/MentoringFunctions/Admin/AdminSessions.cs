using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Admin;

/// <summary>A signed-in member's session as stored: the cookie only names it, so deleting the row ends it.</summary>
public sealed record AdminSession(string Id, string Email, bool AllCohorts, string CsrfToken, DateTimeOffset ExpiresAt);

/// <summary>Table "adminsessions": PartitionKey = the session's random id, RowKey = "".</summary>
internal sealed class AdminSessionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Email { get; set; } = "";
    public bool AllCohorts { get; set; }
    public string CsrfToken { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Server-side sessions, so that signing out really ends a session (a stolen cookie dies with it) and each session
/// has its own random anti-forgery token for the working group's forms.
/// </summary>
public sealed class AdminSessions(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AdminSessions);

    public async Task<AdminSession> StartAsync(string email, bool allCohorts, TimeSpan length, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var entity = new AdminSessionEntity
        {
            PartitionKey = NewSecret(), Email = email, AllCohorts = allCohorts, CsrfToken = NewSecret(),
            CreatedAt = now, ExpiresAt = now + length,
        };
        await _table.AddEntityAsync(entity, ct);
        return ToSession(entity);
    }

    /// <summary>The live session with this id; null when it was signed out of, has expired or never existed.</summary>
    public async Task<AdminSession?> GetAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(char.IsAsciiLetterOrDigit)) return null;
        var entity = await _table.FindAsync<AdminSessionEntity>(id, "", ct);
        return entity is null || entity.ExpiresAt <= time.GetUtcNow() ? null : ToSession(entity);
    }

    /// <summary>Ends the session; ending one already ended does nothing.</summary>
    public async Task EndAsync(string id, CancellationToken ct)
    {
        try { await _table.DeleteEntityAsync(id, "", ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    private static AdminSession ToSession(AdminSessionEntity e) => new(e.PartitionKey, e.Email, e.AllCohorts, e.CsrfToken, e.ExpiresAt);

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
}
