using System.Globalization;
using System.Text;
using Azure;
using CsvHelper;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Matching;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Rhythm;

/// <summary>One answer as the working group reads it: names first; an answer asking for help or to end is an action.</summary>
public sealed record FeedbackRow(string PersonId, string Name, string Role, string Partner, string PairHref, int Overall,
    int Usefulness, int Relationship, int MeetingsHeld, double HoursSpent, bool WantsToContinue, bool WantsHelp, bool WantsToEnd,
    string Comments, DateTimeOffset SubmittedAt, bool IsAction, ActionState Action, string ActionETag);

public abstract record ActionOutcome
{
    public sealed record NotFound : ActionOutcome;
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : ActionOutcome;
    public sealed record Conflict : ActionOutcome;
    public sealed record Done : ActionOutcome;
}

/// <summary>A stage's feedback for the working group: the page's rows, its actions' open/done state, and its CSV.</summary>
public sealed class FeedbackReport(CohortRepository cohorts, ParticipationStore participation, MatchRunStore runs,
    ApplicationRepository applications, FeedbackActionStore actions, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Stages = ["midpoint", "final", "adhoc"];

    /// <summary>The stage's stored name ("midpoint" when none is asked for), or null for a stage that does not exist.</summary>
    public static string? StageOf(string? asked) => string.IsNullOrEmpty(asked) ? "midpoint"
        : ParticipationStore.ParseStage(asked)?.ToString().ToLowerInvariant();

    public async Task<(Cohort Cohort, IReadOnlyList<FeedbackRow> Rows)?> RowsAsync(string cohort, string stage, CancellationToken ct)
    {
        if (await cohorts.GetAsync(cohort, ct) is not { Cohort: var found }) return null;
        var names = (await applications.ListAsync(cohort, ct)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var matches = (await runs.ListMatchesAsync(cohort, ct)).Where(m => m.Status != MatchStatus.Withdrawn).ToList();
        var byKey = matches.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var states = await actions.ListAsync(cohort, ct);
        var rows = new List<FeedbackRow>();
        foreach (var f in (await participation.FeedbackAsync(cohort, ct)).Where(f => f.Stage == stage))
        {
            // An answer names its match; one without (ad hoc) is about every pair the person is in.
            var pairs = byKey.TryGetValue(f.MatchKey, out var m) ? [m]
                : matches.Where(x => x.MentorId == f.PersonId || x.MenteeId == f.PersonId).ToList();
            var name = names.GetValueOrDefault(f.PersonId) ?? pairs.Select(p => p.MentorId == f.PersonId ? p.MentorName : p.MenteeName)
                .FirstOrDefault() ?? f.PersonId;
            var role = pairs.Count == 0 ? "" : pairs[0].MentorId == f.PersonId ? "mentor" : "mentee";
            var partner = string.Join(", ", pairs.Select(p => p.MentorId == f.PersonId ? p.MenteeName : p.MentorName));
            var state = states.GetValueOrDefault((f.PersonId, stage));
            rows.Add(new FeedbackRow(f.PersonId, name, role, partner, pairs.Count == 1 ? PairPage.Href(cohort, pairs[0].Key) : "",
                f.Overall, f.Usefulness, f.Relationship, f.MeetingsHeld, f.HoursSpent, f.WantsToContinue, f.WantsHelp, f.WantsToEnd,
                f.Comments, f.SubmittedAt, f.WantsHelp || f.WantsToEnd, state?.State ?? ActionState.Open,
                state is null ? "" : state.ETag.ToString()));
        }
        return (found, rows.OrderBy(r => r.Name, StringComparer.CurrentCulture).ThenBy(r => r.PersonId, StringComparer.Ordinal).ToList());
    }

    /// <summary>Marks an answer's action open or done, if it is still as the page showed it (its ETag).</summary>
    public async Task<ActionOutcome> SetActionAsync(string cohort, string? person, string? stage, string? state, string? etag,
        string by, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var stageName = StageOf(stage);
        if (stageName is null || string.IsNullOrEmpty(stage)) errors["stage"] = ["Must be midpoint, final or adhoc."];
        ActionState? target = state switch { "open" => ActionState.Open, "done" => ActionState.Done, _ => null };
        if (target is null) errors["state"] = ["Must be open or done."];
        if (errors.Count > 0) return new ActionOutcome.Invalid(errors);
        if (await RowsAsync(cohort, stageName!, ct) is not { } report) return new ActionOutcome.NotFound();
        if (report.Rows.FirstOrDefault(r => r.PersonId == person && r.IsAction) is not { } row)
            return new ActionOutcome.Invalid(new Dictionary<string, string[]>
            {
                ["person"] = ["No answer at this stage from this person asks for help or to end a match."],
            });
        if (row.ActionETag != (etag ?? "")) return new ActionOutcome.Conflict();
        var written = await actions.TrySetAsync(cohort, new FeedbackAction(row.PersonId, stageName!, target!.Value, time.GetUtcNow(),
            by, string.IsNullOrEmpty(etag) ? default : new ETag(etag)), ct);
        return written == WriteOutcome.Done ? new ActionOutcome.Done() : new ActionOutcome.Conflict();
    }

    public static string Text(ActionState state) => state switch
    {
        ActionState.Open => "open",
        ActionState.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown action state"),
    };

    /// <summary>UTF-8 with a byte-order mark, so a spreadsheet shows "García"; cells that could run as formulas are escaped.</summary>
    public static byte[] Csv(IReadOnlyList<FeedbackRow> rows, string stage)
    {
        var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "stage", "person_id", "name", "role", "partner", "overall", "usefulness", "relationship",
                         "meetings_held", "hours_spent", "carry_on", "wants_help", "wants_to_end", "comments", "submitted_at", "action" })
                csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                foreach (var text in new[] { stage, r.PersonId, r.Name, r.Role, r.Partner }) csv.WriteField(ApplicationCsv.Escape(text));
                foreach (var n in new[] { r.Overall, r.Usefulness, r.Relationship, r.MeetingsHeld }) csv.WriteField(n);
                csv.WriteField(r.HoursSpent.ToString("0.##", CultureInfo.InvariantCulture));
                foreach (var b in new[] { r.WantsToContinue, r.WantsHelp, r.WantsToEnd }) csv.WriteField(b ? "yes" : "no");
                csv.WriteField(ApplicationCsv.Escape(r.Comments));
                csv.WriteField(r.SubmittedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                csv.WriteField(r.IsAction ? Text(r.Action) : "");
                csv.NextRecord();
            }
        }
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(writer.ToString())];
    }
}
