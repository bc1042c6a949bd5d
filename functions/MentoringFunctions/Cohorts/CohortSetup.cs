using Azure;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Cohorts;

public abstract record SetupOutcome
{
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : SetupOutcome;
    public sealed record Saved(Cohort Cohort) : SetupOutcome;
    /// <summary>Another cohort has the id (create), or someone saved the cohort since the form was opened (edit).</summary>
    public sealed record Conflict(Cohort Cohort) : SetupOutcome;
    public sealed record Missing : SetupOutcome;
}

/// <summary>
/// The working group's cohort form behind its pages: create, edit against the version the form was opened on (its
/// ETag), and next year's form from this year's cohort. Nothing is written unless the whole form is valid.
/// </summary>
public sealed class CohortSetup(CohortRepository cohorts)
{
    public async Task<SetupOutcome> CreateAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var validated = CohortForm.Validate(form);
        if (!validated.IsValid) return new SetupOutcome.Invalid(validated.Errors);
        var cohort = validated.Value!;
        return await cohorts.AddAsync(cohort, ct) == WriteOutcome.Conflict
            ? new SetupOutcome.Conflict(cohort)
            : new SetupOutcome.Saved(cohort);
    }

    /// <summary>Saves only over the version the form was filled from: a concurrent edit is reported, never overwritten.</summary>
    public async Task<SetupOutcome> UpdateAsync(string id, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        if (await cohorts.GetAsync(id, ct) is not { } found) return new SetupOutcome.Missing();
        var validated = CohortForm.Validate(form, fixedId: id);
        if (!validated.IsValid) return new SetupOutcome.Invalid(validated.Errors);
        var etag = form.TryGetValue("etag", out var sent) ? sent : "";
        if (etag.Length == 0 || etag != found.ETag.ToString("H")) return new SetupOutcome.Conflict(found.Cohort);
        return await cohorts.UpdateAsync(validated.Value!, new ETag(etag), ct) switch
        {
            WriteOutcome.Done => new SetupOutcome.Saved(validated.Value!),
            WriteOutcome.Conflict => new SetupOutcome.Conflict(found.Cohort),
            WriteOutcome.NotFound => new SetupOutcome.Missing(),
            var other => throw new InvalidOperationException($"Unknown write outcome {other}"),
        };
    }

    /// <summary>The form's fields for a new cohort: the defaults, or next year's copy of an existing cohort.</summary>
    public async Task<(IReadOnlyDictionary<string, string>? Fields, Cohort? From)> NewFormAsync(string? from, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(from)) return (Blank, null);
        return await cohorts.GetAsync(from, ct) is { } found ? (CohortForm.NextYear(found.Cohort), found.Cohort) : (null, null);
    }

    /// <summary>A new form: default settings and no dates, topics or addresses.</summary>
    public static IReadOnlyDictionary<string, string> Blank { get; } = BlankFields();

    private static Dictionary<string, string> BlankFields()
    {
        var fields = CohortForm.Fields(new Cohort("", "", Cohort.DefaultTimeZone, default, default, default, default, default, [],
            [], [], false));
        foreach (var key in new[] { "id", "applicationsOpen", "applicationsClose", "programmeStart", "midpoint", "programmeEnd" })
            fields[key] = "";
        return fields;
    }
}
