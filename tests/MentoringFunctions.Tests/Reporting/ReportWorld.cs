using System.Net.Http.Json;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Reporting;

/// <summary>
/// Two cohorts of one network ("{stem} 2026", "{stem} 2027"); the second published, with a check-in, feedback from
/// both people of one pair (only the mentee agreeing to be quoted) and a logged session of 90 minutes.
/// </summary>
internal sealed record ReportWorld(string Stem, string LastYear, string ThisYear, MatchEntity Pair)
{
    public const string Quotable = "It changed how I plan heat network projects.";
    public const string Private = "Please keep this between us.";

    internal static async Task<ReportWorld> BuildAsync(AppFixture app)
    {
        var stem = "Network " + Guid.NewGuid().ToString("N")[..6];
        var last = await app.CreateCohortAsync(name: stem + " 2026", open: new(2025, 10, 1), close: new(2025, 11, 30),
            programmeStart: new(2025, 12, 1));
        await app.ImportAsync(last, MatchRunTestData.Csv);
        var cohort = await app.CreateCohortAsync(name: stem + " 2027", open: new(2026, 10, 1), close: new(2026, 11, 30),
            programmeStart: new(2026, 12, 1));
        await app.ImportAsync(cohort, MatchRunTestData.Csv);
        var run = await MatchRunTestData.StartAsync(app, cohort);
        await MatchRunTestData.ProcessAsync(app, cohort, run.Id);
        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var pair = (await app.Table(StorageNames.Matches).QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync())
            .OrderBy(m => m.RowKey, StringComparer.Ordinal).First();

        var tokens = app.Factory.Services.GetRequiredService<LinkTokens>();
        string Token(string person, string purpose) => tokens.Issue(cohort, person, pair.RowKey, purpose, TimeSpan.FromDays(30));
        (await app.Client().PostAsync("/p/checkin", new FormUrlEncodedContent(
            [new("t", Token(pair.MenteeId, "checkin")), new("answer", "met")]))).EnsureSuccessStatusCode();
        (await app.Client().PostAsJsonAsync("/api/feedback", new
        {
            token = Token(pair.MenteeId, "feedback:midpoint"), overall = 5, usefulness = 5, relationship = 4,
            wants_to_continue = "yes", comments = Quotable, may_quote = true,
        })).EnsureSuccessStatusCode();
        (await app.Client().PostAsJsonAsync("/api/feedback", new
        {
            token = Token(pair.MentorId, "feedback:midpoint"), overall = 3, usefulness = 4, relationship = 4,
            wants_to_continue = "no", comments = Private,
        })).EnsureSuccessStatusCode();
        (await app.Client().PostAsync("/p/hours", new FormUrlEncodedContent(
            [new("t", Token(pair.MentorId, "hours")), new("date", "2027-01-05"), new("minutes", "90")]))).EnsureSuccessStatusCode();
        return new ReportWorld(stem, last, cohort, pair);
    }
}
