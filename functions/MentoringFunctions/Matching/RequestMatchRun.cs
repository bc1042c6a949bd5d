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
    TimeProvider time, Cohorts.CohortRepository cohorts)
{
    /// <summary>
    /// The request's fields with their exact types: settings an object (or null), locks and excludes arrays of
    /// objects with a string mentor and mentee, basedOn a string. No body at all asks for a default run.
    /// </summary>
    public static (MatchRunRequest? Request, Dictionary<string, string[]>? Errors) Parse(JsonElement? body)
    {
        if (body is not { } root) return (new MatchRunRequest(null, [], [], null), null);
        if (root.ValueKind != JsonValueKind.Object)
            return (null, new()
            {
                ["$"] = ["The body must be a JSON object, e.g. { \"locks\": [{ \"mentor\": \"id\", \"mentee\": \"id\" }] }."],
            });
        var errors = new Dictionary<string, string[]>();
        MatchSettings? settings = null;
        if (root.TryGetProperty("settings", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            var (parsed, error) = s.ValueKind == JsonValueKind.Object
                ? MatchSettingsJson.Parse(s.GetRawText()) : (null, "Must be an object.");
            if (error is not null) errors["settings"] = [error];
            settings = parsed;
        }
        IReadOnlyList<PairRef> Pairs(string name)
        {
            if (!root.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return [];
            var pairs = new List<PairRef>();
            if (p.ValueKind == JsonValueKind.Array)
                foreach (var item in p.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object && Text(item, "mentor") is { Length: > 0 } mentor
                        && Text(item, "mentee") is { Length: > 0 } mentee) pairs.Add(new PairRef(mentor, mentee));
                    else
                    {
                        errors[$"{name}[{pairs.Count}]"] = ["Must be an object with a \"mentor\" and a \"mentee\" (ids or e-mails)."];
                        return [];
                    }
            else errors[name] = ["Must be an array of { \"mentor\", \"mentee\" } objects."];
            return pairs;
        }
        var (locks, excludes) = (Pairs("locks"), Pairs("excludes"));
        string? basedOn = null;
        if (root.TryGetProperty("basedOn", out var b) && b.ValueKind != JsonValueKind.Null)
            if (b.ValueKind == JsonValueKind.String && b.GetString() is { Length: > 0 and <= 100 } id) basedOn = id;
            else errors["basedOn"] = ["Must be a run's id."];
        return errors.Count > 0 ? (null, errors) : (new MatchRunRequest(settings, locks, excludes, basedOn), null);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Validates, stores the run as Queued and asks the queue to compute it.</summary>
    public async Task<RequestOutcome> HandleAsync(string cohort, MatchRunRequest request, string? idempotencyKey, CancellationToken ct,
        bool rematch = false)
    {
        var errors = new Dictionary<string, string[]>();
        var settings = request.Settings ?? (await cohorts.GetAsync(cohort, ct))?.Cohort.Matching ?? MatchSettings.Default;
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

        // Ids and e-mails both name a person, so a pair is checked on the people it names.
        var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in (await applications.ListAsync(cohort, ct)).Where(a => a.Status == ApplicationStatus.Active))
            (known[a.Id], known[a.Email]) = (a.Id, a.Id);
        foreach (var (field, pairs) in new[] { ("locks", settings.Locks), ("excludes", settings.Excludes) })
        {
            var unknown = pairs.SelectMany(p => new[] { p.Mentor, p.Mentee }).Where(id => !known.ContainsKey(id)).Distinct().ToList();
            if (unknown.Count > 0) errors[field] = [$"No active application in this cohort has the id or e-mail {string.Join(", ", unknown.Select(u => $"'{u}'"))}."];
            else if (pairs.FirstOrDefault(p => known[p.Mentor] == known[p.Mentee]) is { } self)
                errors[field] = [$"'{self.Mentor}' and '{self.Mentee}' are the same person, who cannot be their own mentor."];
        }
        if (errors.Count > 0) return new RequestOutcome.Invalid(errors);

        var now = time.GetUtcNow();
        var id = idempotencyKey is { Length: > 0 } key
            ? "k" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cohort + "|" + key)))[..20]
                .ToLowerInvariant()
            : $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        var run = MatchRun.Queued(id, cohort, MatchSettingsJson.Write(settings), request.BasedOn ?? "", now) with { Rematch = rematch };
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
