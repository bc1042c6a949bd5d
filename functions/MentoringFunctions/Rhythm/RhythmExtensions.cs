using System.Globalization;
using CsvHelper;
using MentoringFunctions.Admin;
using MentoringFunctions.Pages;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Rhythm;

public static class RhythmExtensions
{
    public static IServiceCollection AddRhythm(this IServiceCollection services, IConfiguration config, IHostEnvironment env) => services
        .AddSingleton(sp => LinkTokens.From(config,
            config.IsLocalHost() ? Path.Combine(LocalData.Path(config, env.ContentRootPath), "links-secret") : null,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<LinkTokens>()))
        .AddSingleton<ParticipationStore>().AddSingleton<Participation>().AddSingleton<RhythmMail>().AddSingleton<RhythmPass>()
        .AddSingleton<RhythmPreview>()
        .AddSingleton<FeedbackActionStore>().AddSingleton<FeedbackReport>();
}

/// <summary>Per-mentor hours, for schemes that pay mentors: one CSV for the API, the same for the pages.</summary>
public sealed class HoursStatementFunctions(AdminAccess admin, ParticipationStore participation, MatchRunStore runs,
    Cohorts.CohortRepository cohorts)
{
    [Function("HoursStatement")]
    public Task<IResult> HoursStatement(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/cohorts/{cohort}/hours.csv")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, () => StatementAsync(cohort, ct));

    [Function("ManageHoursStatement")]
    public Task<IResult> ManageHoursStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/hours.csv")] HttpRequest req, string cohort,
        CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, () => StatementAsync(cohort, ct));

    private async Task<IResult> StatementAsync(string cohort, CancellationToken ct) =>
        await cohorts.GetAsync(cohort, ct) is null ? TypedResults.NotFound() : await HoursCsv.WriteAsync(cohort, participation, runs, ct);
}

public static class HoursCsv
{
    /// <summary>Per mentor: logged sessions and minutes, and the hours they reported in feedback (for paid-mentor schemes).</summary>
    public static async Task<FileContentHttpResult> WriteAsync(string cohort, ParticipationStore participation, MatchRunStore runs, CancellationToken ct)
    {
        var sessions = await participation.SessionsAsync(cohort, ct);
        var feedback = await participation.FeedbackAsync(cohort, ct);
        var mentors = (await runs.ListMatchesAsync(cohort, ct)).GroupBy(m => m.MentorId).ToDictionary(g => g.Key, g => g.First());
        var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "mentor_id", "name", "email", "sessions", "minutes", "hours", "hours_reported_in_feedback" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var id in mentors.Keys.Union(sessions.Select(s => s.MentorId)).Order(StringComparer.Ordinal))
            {
                var mine = sessions.Where(s => s.MentorId == id).ToList();
                var minutes = mine.Sum(s => s.Minutes);
                csv.WriteField(id);
                csv.WriteField(Core.Applications.ApplicationCsv.Escape(mentors.GetValueOrDefault(id)?.MentorName ?? ""));
                csv.WriteField(Core.Applications.ApplicationCsv.Escape(mentors.GetValueOrDefault(id)?.MentorEmail ?? ""));
                csv.WriteField(mine.Count);
                csv.WriteField(minutes);
                csv.WriteField((minutes / 60.0).ToString("0.##", CultureInfo.InvariantCulture));
                csv.WriteField(feedback.Where(f => f.PersonId == id).Sum(f => f.HoursSpent).ToString("0.##", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }
        return TypedResults.File(CsvDownload.Bytes(writer.ToString()), "text/csv; charset=utf-8", $"{cohort}-mentor-hours.csv");
    }
}
