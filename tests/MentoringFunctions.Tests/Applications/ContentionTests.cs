using System.Net;
using System.Net.Http.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MentoringFunctions.Tests.Applications;

/// <summary>Many writers on one application: some may be told to come back, none gets a 500, none is lost.</summary>
[Collection(AppCollection.Name)]
public class ContentionTests(AppFixture app, ITestOutputHelper output)
{
    private const int Writers = 200;

    [Fact]
    public async Task Two_hundred_concurrent_confirmations_to_one_address_give_no_500_and_store_every_acknowledged_change()
    {
        var cohort = await app.CreateCohortAsync();
        const string email = "race@example.org";
        Assert.Equal(HttpStatusCode.Accepted,
            (await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, email, "Racer"))).StatusCode);
        // 200 distinct pending changes, proposed as the form would (past the per-address limit, which is not under test).
        var services = app.Factory.Services;
        var found = (await services.GetRequiredService<CohortRepository>().GetCachedAsync(cohort))!;
        var existing = (await services.GetRequiredService<ApplicationRepository>().GetAsync(cohort, email))!;
        var changes = services.GetRequiredService<ApplicationChanges>();
        foreach (var batch in Enumerable.Range(0, Writers).Chunk(20))
            await Task.WhenAll(batch.Select(i => changes.ProposeAsync(found, existing,
                existing.Application with { Name = $"Racer {i:D3}" }, "api", CancellationToken.None)));
        var tokens = await app.TokensAsync(cohort, email);
        Assert.Equal(Writers, tokens.Count);

        var responses = await Task.WhenAll(tokens.Select(async t =>
        {
            using var response = await app.ConfirmAsync(t);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta);
        }));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500 && r.StatusCode != HttpStatusCode.ServiceUnavailable);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable), r => Assert.NotNull(r.RetryAfter));
        var acknowledged = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.True(acknowledged > 0, "no confirmation got through");
        output.WriteLine($"{acknowledged} of {Writers} acknowledged; the rest were told to retry (503)");

        var stored = (await services.GetRequiredService<ApplicationRepository>().GetAsync(cohort, email))!;
        Assert.Equal(1 + acknowledged, stored.Version);
        var applied = (await services.GetRequiredService<PendingChangeRepository>().ListAsync(cohort, email))
            .Where(c => c.Status == PendingChangeStatus.Applied).ToList();
        // Each acknowledged change became its own version, in the history of versions 2..N+1, and the last is stored.
        Assert.Equal(Enumerable.Range(2, acknowledged), applied.Select(c => c.AppliedVersion).Order());
        Assert.Equal(stored.Name, applied.Single(c => c.AppliedVersion == stored.Version).Proposed.Name);
        Assert.Equal(stored.LastChange, applied.Single(c => c.AppliedVersion == stored.Version).Id);
    }
}
