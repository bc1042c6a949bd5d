using Microsoft.Extensions.Options;

namespace MentoringFunctions.Email;

/// <summary>Settings of the outbox, section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Days after sending that an e-mail keeps its body; then only the record of the send stays.</summary>
    public int BodyRetentionDays { get; set; } = 30;
}

public sealed record UpkeepDone(int BodiesRemoved, int Reindexed);

/// <summary>
/// The daily upkeep of the outbox: sent mail loses its content after the retention (links in it are
/// personal and signed, and a year of bodies is most of the table), found by sent day; and any unsent
/// e-mail that no due row points at is indexed again, so it is sent however its row was lost.
/// </summary>
public sealed class OutboxUpkeep(Outbox outbox, IOptions<OutboxOptions> options, TimeProvider time)
{
    public async Task<UpkeepDone> RunAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.BodyRetentionDays);
        var removed = await outbox.RemoveBodiesAsync(cutoff, ct);
        return new UpkeepDone(removed, await outbox.ReindexUnsentAsync(ct));
    }
}
