using System.Security.Cryptography;
using Azure.Data.Tables;
using MentoringFunctions.Email;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Admin;

/// <summary>The sign-in e-mail: the link, until when it works, and the programmes it opens (by name).</summary>
public sealed record SignInMail(string Url, int Minutes, string ExpiresAt, string Programmes);

public enum SignInLinkStatus { Valid, Used, Expired, Invalid }

/// <summary>
/// Magic links for the working group: signed (<see cref="LinkTokens"/>, purpose "sign-in"), valid for
/// Admin:LinkLifetime, and single-use: the first use inserts a marker row keyed by the link's own random id
/// (table "signinlinks"), and a second insert of it fails, whoever races.
/// </summary>
public sealed class SignInLinks(LinkTokens tokens, EmailTemplates templates, Outbox outbox, EmailOptions email,
    IOptions<AdminOptions> options, TableServiceClient tables, TimeProvider time)
{
    public const string Purpose = "sign-in";
    /// <summary>The outbox partition of sign-in e-mails: no cohort's, so no cohort's outbox page lists them.</summary>
    public const string Partition = "_sign-in";
    private const string Scope = "manage";

    private readonly TableClient _used = tables.GetTableClient(StorageNames.SignInLinks);

    private sealed class UsedEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public Azure.ETag ETag { get; set; }
        public string Email { get; set; } = "";
    }

    public async Task SendAsync(string address, IReadOnlyList<string> programmes, CancellationToken ct)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var lifetime = options.Value.LinkLifetime;
        var url = $"{email.PublicBaseUrl.TrimEnd('/')}/manage/login/link?t={tokens.Issue(Scope, address, id, Purpose, lifetime)}";
        var model = new SignInMail(url, (int)lifetime.TotalMinutes,
            time.GetUtcNow().Add(lifetime).ToString("HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            programmes.Count == 0 ? "the mentoring programme" : string.Join(", ", programmes));
        await outbox.EnqueueAsync(await templates.ComposeAsync(EmailKind.SignInLink, Partition,
            EmailKinds.Key(EmailKind.SignInLink, id), address, "", model), ct);
    }

    /// <summary>What the link is, without using it (the page that shows the Sign in button).</summary>
    public async Task<(SignInLinkStatus Status, string? Email)> CheckAsync(string? token, CancellationToken ct)
    {
        var (status, claim) = Read(token);
        if (status != SignInLinkStatus.Valid) return (status, null);
        return await _used.FindAsync<UsedEntity>(claim!.Match!, "", ct) is null ? (status, claim.Person) : (SignInLinkStatus.Used, null);
    }

    /// <summary>Uses the link: Valid (with the address) once, Used ever after.</summary>
    public async Task<(SignInLinkStatus Status, string? Email)> UseAsync(string? token, CancellationToken ct)
    {
        var (status, claim) = Read(token);
        if (status != SignInLinkStatus.Valid) return (status, null);
        var marker = new UsedEntity { PartitionKey = claim!.Match!, Email = claim.Person };
        return await _used.TryAddAsync(marker, ct) == WriteOutcome.Done ? (status, claim.Person) : (SignInLinkStatus.Used, null);
    }

    private (SignInLinkStatus, LinkClaim?) Read(string? token)
    {
        var (status, claim) = tokens.Read(token, Purpose);
        return status switch
        {
            TokenStatus.Valid when claim is { Cohort: Scope, Match: { Length: 32 } id } && id.All(char.IsAsciiHexDigitLower) =>
                (SignInLinkStatus.Valid, claim),
            TokenStatus.Valid or TokenStatus.Tampered => (SignInLinkStatus.Invalid, null),
            TokenStatus.Expired => (SignInLinkStatus.Expired, null),
            _ => throw new InvalidOperationException(status.ToString()),
        };
    }
}
