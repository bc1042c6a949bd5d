using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

/// <summary>
/// What the working group sends to start a run: optional settings (the settings.json format),
/// locks and excludes (added to the settings' own), and a run to start from (its settings,
/// locks included, are the base).
/// </summary>
public sealed record MatchRunRequest(MatchSettings? Settings, IReadOnlyList<PairRef> Locks, IReadOnlyList<PairRef> Excludes, string? BasedOn);

public abstract record RequestOutcome
{
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : RequestOutcome;
    public sealed record Accepted(MatchRun Run, bool Existing) : RequestOutcome;
}

public sealed class RequestMatchRun(MatchRunStore runs, ApplicationRepository applications, QueueClientFactory queues,
    TimeProvider time)
{
    public static (MatchRunRequest? Request, Dictionary<string, string[]>? Errors) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (new MatchRunRequest(null, [], [], null), null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            MatchSettings? settings = null;
            if (root.TryGetProperty("settings", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                var (parsed, error) = MatchSettingsJson.Parse(s.GetRawText());
                if (error is not null) return (null, new() { ["settings"] = [error] });
                settings = parsed;
            }
            IReadOnlyList<PairRef> Pairs(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array
                ? p.Deserialize<List<PairRef>>(JsonSerializerOptions.Web) ?? [] : [];
            var basedOn = root.TryGetProperty("basedOn", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            return (new MatchRunRequest(settings, Pairs("locks"), Pairs("excludes"), basedOn), null);
        }
        catch (JsonException ex)
        {
            return (null, new() { [string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.TrimStart('$', '.')] = [$"Not readable: {ex.Message.Split(" Path:")[0]}"] });
        }
    }

    /// <summary>Validates, stores the run as Queued and asks the queue to compute it.</summary>
    public async Task<RequestOutcome> HandleAsync(string cohort, MatchRunRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var settings = request.Settings ?? MatchSettings.Default;
        if (request.BasedOn is { } basedOn)
        {
            var previous = await runs.GetAsync(basedOn, ct);
            if (previous is null || previous.Cohort != cohort) errors["basedOn"] = [$"There is no run '{basedOn}' in this cohort."];
            else if (request.Settings is null) settings = MatchSettingsJson.Parse(previous.SettingsJson).Settings ?? settings;
        }
        settings = settings with
        {
            Locks = [.. settings.Locks.Concat(request.Locks).Distinct()],
            Excludes = [.. settings.Excludes.Concat(request.Excludes).Distinct()],
        };
        var settingErrors = MatchSettingsValidator.Validate(settings);
        if (settingErrors.Count > 0) errors["settings"] = [.. settingErrors];

        var known = (await applications.ListAsync(cohort, ct)).Where(a => a.Status == ApplicationStatus.Active)
            .SelectMany(a => new[] { a.Id, a.Email }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, pairs) in new[] { ("locks", settings.Locks), ("excludes", settings.Excludes) })
        {
            var unknown = pairs.SelectMany(p => new[] { p.Mentor, p.Mentee }).Where(id => !known.Contains(id)).Distinct().ToList();
            if (unknown.Count > 0) errors[field] = [$"No active application in this cohort has the id or e-mail {string.Join(", ", unknown.Select(u => $"'{u}'"))}."];
        }
        if (errors.Count > 0) return new RequestOutcome.Invalid(errors);

        var now = time.GetUtcNow();
        var id = idempotencyKey is { Length: > 0 } key
            ? "k" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cohort + "|" + key)))[..20]
                .ToLowerInvariant()
            : $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        var run = MatchRun.Queued(id, cohort, MatchSettingsJson.Write(settings), request.BasedOn ?? "", now);
        if (run.SettingsJson.Length > 30_000) return new RequestOutcome.Invalid(new Dictionary<string, string[]> { ["settings"] = ["The settings are too large (more than 30,000 characters)."] });
        var existing = false;
        if (await runs.AddAsync(run, ct) == WriteOutcome.Conflict)
        {
            run = (await runs.GetAsync(run.Id, ct))!;
            existing = true;
        }
        // Also for a repeated request whose first attempt stored the run but lost the message.
        if (run.Status == RunStatus.Queued)
            await queues.Get(StorageNames.MatchQueue).SendMessageAsync(
                JsonSerializer.Serialize(new MatchRequest(cohort, run.Id), JsonSerializerOptions.Web), ct);
        return new RequestOutcome.Accepted(run, existing);
    }
}
