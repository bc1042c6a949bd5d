using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Matching;

public static class MatchRunTestData
{
    public const string Csv =
        "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n" +
        "m1,mentor,Mina Mentor,mina@ex.org,Alpha,15,North West,either,Finance;Policy,,2,,\n" +
        "m2,mentor,Mo Mentor,mo@ex.org,Beta,12,Wales,online,Procurement,,1,,\n" +
        "b1,both,Bo Both,bo@ex.org,Gamma,8,Wales,either,Finance,Policy,1,,\n" +
        "e1,mentee,Eve Mentee,eve@ex.org,Delta,2,North West,either,,Finance,,,\n" +
        "e2,mentee,Ed Mentee,ed@ex.org,Alpha,3,Wales,online,,Procurement,,,\n" +
        "e3,mentee,Ela Mentee,ela@ex.org,Epsilon,1,London,online,,Policy,,,\n" +
        "e4,mentee,Em Mentee,em@ex.org,Zeta,16,London,online,,Policy,,,\n";

    /// <param name="started">A programme already under way (applications closed), e.g. for logging sessions.</param>
    public static async Task<string> CohortWithApplicantsAsync(AppFixture app, bool started = false)
    {
        var cohort = started
            ? await app.CreateCohortAsync(open: new(2026, 10, 1), close: new(2026, 11, 30), programmeStart: new(2026, 12, 1))
            : await app.CreateCohortAsync();
        await app.ImportAsync(cohort, Csv);
        return cohort;
    }

    public static async Task<MatchRunView> StartAsync(AppFixture app, string cohort, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cohorts/{cohort}/match-runs") { Content = JsonContent.Create(body ?? new { }) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        var response = await app.AdminClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json))!;
    }

    /// <summary>Delivers the run's queue message to the worker's function, as the Functions host does.</summary>
    public static Task<Invocation> ProcessAsync(AppFixture app, string cohort, string runId, int dequeueCount = 1,
        string function = "RunMatching") => ProcessAsync(app.Worker.Services, cohort, runId, dequeueCount, function);

    public static Task<Invocation> ProcessAsync(IServiceProvider worker, string cohort, string runId, int dequeueCount = 1,
        string function = "RunMatching") =>
        Functions.QueueAsync(worker, function, JsonSerializer.Serialize(new MatchRequest(cohort, runId), JsonSerializerOptions.Web),
            dequeueCount);

    public static async Task<MatchRunView> GetAsync(AppFixture app, string runId) =>
        (await app.AdminClient().GetFromJsonAsync<MatchRunView>($"/api/match-runs/{runId}", MatchRunResult.Json))!;
}
