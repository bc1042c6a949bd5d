using System.Globalization;
using System.Text;
using CsvHelper;
using MentoringFunctions.Admin;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm.ProgrammeRhythm;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Rhythm;

public static class RhythmExtensions
{
    public static IServiceCollection AddRhythm(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(sp => LinkTokens.From(config, sp.GetRequiredService<AdminAccess>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<LinkTokens>()));
        services.AddSingleton<ParticipationStore>().AddSingleton<RhythmMail>();
        return services.AddFunction<ProgrammeRhythmFunction>();
    }

    public static IEndpointRouteBuilder MapRhythm(this IEndpointRouteBuilder app)
    {
        app.MapParticipation();
        app.MapFeedback();
        app.MapGet("/api/cohorts/{cohort}/hours.csv", HoursStatementAsync).RequireAdmin();
        app.MapGet("/manage/cohorts/{cohort}/hours.csv", HoursStatementAsync).RequireAdmin();
        return app;
    }

    /// <summary>Per mentor: logged sessions and minutes, and the hours they reported in feedback (for paid-mentor schemes).</summary>
    public static async Task<FileContentHttpResult> HoursStatementAsync(string cohort, ParticipationStore participation, MatchRunStore runs, CancellationToken ct)
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
        return TypedResults.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", $"{cohort}-mentor-hours.csv");
    }
}
