using System.Net.Http.Json;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Rhythm;

/// <summary>
/// The bug: a withdrawn mentee and her mentor kept getting check-ins, nudges and lunch invites about their pair.
/// Withdrawing ends the person's matches: the partner hears once, kindly; the withdrawn person hears nothing more.
/// </summary>
[Collection(AppCollection.Name)]
public class WithdrawalEndsMatchesTests(AppFixture app)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 20, 8, 0, 0, TimeSpan.Zero));

    private WebApplicationFactory<Program> Factory() => app.Factory.WithWebHostBuilder(b =>
        b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    private IHost Worker() => app.WorkerWith(s => s.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task A_withdrawn_mentee_and_her_mentor_hear_nothing_more_about_their_pair_but_one_kind_note()
    {
        await using var factory = Factory();
        var admin = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        admin.DefaultRequestHeaders.Add("X-Admin-Key", AppFixture.AdminKey);
        using var worker = Worker();
        var cohort = "wd-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger 2027", applicationsOpen = "2027-01-01", applicationsClose = "2027-01-15",
            programmeStart = "2027-02-01", midpoint = "2027-07-01", programmeEnd = "2028-01-31",
            topics = new[] { "Finance", "Procurement", "Policy" }, workingGroupEmails = new[] { "wg@heat.example" },
        })).EnsureSuccessStatusCode();
        await ImportRuns.ImportAsync(admin, worker.Services, cohort, MatchRunTestData.Csv);
        var run = (await (await admin.PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { }))
            .Content.ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json))!;
        Assert.True((await MatchRunTestData.ProcessAsync(worker.Services, cohort, run.Id)).Succeeded);
        _clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero));
        (await admin.PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var pair = (await app.Table("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync())
            .Single(m => m.MenteeId == "e1");

        var withdrawnOn = new DateOnly(2027, 2, 10);
        for (var day = new DateOnly(2027, 2, 1); day <= new DateOnly(2027, 4, 10); day = day.AddDays(1))
        {
            _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
            if (day == withdrawnOn)
            {
                (await admin.PostAsync($"/api/cohorts/{cohort}/applications/e1/withdraw", null)).EnsureSuccessStatusCode();
                // A retried withdrawal (a double click, a client retry) sends nothing more.
                (await admin.PostAsync($"/api/cohorts/{cohort}/applications/e1/withdraw", null)).EnsureSuccessStatusCode();
            }
            var timer = await Functions.TimerAsync(worker.Services, "ProgrammeRhythm");
            Assert.True(timer.Succeeded, timer.Error?.ToString());
        }

        var after = (await app.OutboxAsync(cohort))
            .Where(e => DateOnly.FromDateTime(e.CreatedAt.UtcDateTime) >= withdrawnOn).ToList();
        // Before the fix: check-ins on 1 March and lunch invites went to both (the first-meeting nudge on 15 February too).
        Assert.DoesNotContain(after, e => e.ToEmail == pair.MenteeEmail);
        Assert.DoesNotContain(after, e => e.ToEmail == pair.MentorEmail && e.Kind != "match-ended" && e.Text.Contains(pair.MenteeName));
        var ended = Assert.Single(after, e => e.Kind == "match-ended");
        Assert.Equal(pair.MentorEmail, ended.ToEmail);
        Assert.Contains(pair.MenteeName, ended.Text);
        Assert.DoesNotContain("withdrew", ended.Text);   // kind, and blaming nobody

        var stored = await app.Table("matches").GetEntityAsync<MatchEntity>(cohort, pair.RowKey);
        Assert.Equal((MatchStatus.Ended, "withdrew"), (stored.Value.Status, stored.Value.EndReason));
        Assert.Equal(new DateTimeOffset(2027, 2, 10, 8, 0, 0, TimeSpan.Zero), stored.Value.EndedAt);
        // The other pairs go on as before.
        Assert.Contains(after, e => e.Kind == "check-in" && e.ToEmail != pair.MentorEmail);
    }
}
