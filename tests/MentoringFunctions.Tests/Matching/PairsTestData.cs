using System.Net.Http.Json;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;

namespace MentoringFunctions.Tests.Matching;

/// <summary>A cohort with its first run published (at the fixture's clock), as the pair and feedback tests start.</summary>
internal static class PairsTestData
{
    public static async Task<(string Cohort, MatchRunView Run, List<MatchEntity> Matches)> PublishedAsync(AppFixture app)
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        Assert.True((await ProcessAsync(app, cohort, run.Id)).Succeeded);
        var published = await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return (cohort, run, await MatchesAsync(app, cohort));
    }

    public static async Task<List<MatchEntity>> MatchesAsync(AppFixture app, string cohort) =>
        await app.Table("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync();

    public static string PairUrl(string cohort, MatchEntity m) => $"/manage/cohorts/{cohort}/pairs/{Uri.EscapeDataString(m.RowKey)}";

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
