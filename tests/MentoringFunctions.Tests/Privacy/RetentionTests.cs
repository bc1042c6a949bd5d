using System.Net;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Privacy;
using MentoringFunctions.Tests.Fuzz;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Privacy;

/// <summary>The retention pass on its own clock, and the privacy notice the form links to.</summary>
[Collection(AppCollection.Name)]
public class RetentionTests(AppFixture app)
{
    private sealed class RecordingAudit : IPersonalDataAudit
    {
        public List<PrivacyAuditEntry> Entries { get; } = [];

        public Task RecordAsync(PrivacyAuditEntry entry, CancellationToken ct)
        {
            lock (Entries) Entries.Add(entry);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_month_before_the_working_group_is_warned_weekly_then_the_cohort_is_anonymised_once()
    {
        var w = await PersonWorld.CreateAsync(app);    // the programme ends on 15 February 2028
        var clock = new FakeTimeProvider(new DateTimeOffset(2029, 1, 14, 9, 0, 0, TimeSpan.Zero));   // Sunday, before the month
        var audit = new RecordingAudit();
        using var worker = app.WorkerWith(s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IPersonalDataAudit>(audit));
        var retention = worker.Services.GetRequiredService<PersonalDataRetention>();
        var cohort = (await worker.Services.GetRequiredService<CohortRepository>().GetAsync(w.Cohort))!.Value.Cohort;
        async Task<List<string>> Warnings() => (await app.OutboxAsync(w.Cohort))
            .Where(m => m.Kind == "retention-warning").Select(m => m.Subject).ToList();

        Assert.Null(await retention.RunCohortAsync(cohort, default));
        clock.SetUtcNow(new DateTimeOffset(2029, 1, 15, 9, 0, 0, TimeSpan.Zero));      // the digest day, a month before
        Assert.Contains("(1 e-mails)", await retention.RunCohortAsync(cohort, default));
        Assert.Contains("(0 e-mails)", await retention.RunCohortAsync(cohort, default));   // a re-run sends nothing twice
        clock.SetUtcNow(new DateTimeOffset(2029, 1, 16, 9, 0, 0, TimeSpan.Zero));
        Assert.Null(await retention.RunCohortAsync(cohort, default));                       // not the digest day
        clock.SetUtcNow(new DateTimeOffset(2029, 1, 22, 9, 0, 0, TimeSpan.Zero));
        await retention.RunCohortAsync(cohort, default);
        var warnings = await Warnings();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, s => Assert.Contains("personal data will be anonymised on 15 February 2029", s));
        Assert.Empty(audit.Entries);

        clock.SetUtcNow(new DateTimeOffset(2029, 2, 15, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal("anonymised 7 people", await retention.RunCohortAsync(cohort, default));
        var rows = await ApplicationRows.Of(app.Azurite.Tables, w.Cohort).ToListAsync();
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal((ApplicationStatus.Erased, "", ""), (r.Status, r.Name, r.Email)));
        var entry = Assert.Single(audit.Entries);
        Assert.Equal((PersonalDataRetention.Actor, "anonymise", 7), (entry.Actor, entry.Action, entry.PersonIds.Count));
        Assert.Contains(w.Id, entry.PersonIds);
        var left = await StorageScan.FindAsync(app.Azurite.Tables, app.Azurite.Blobs, w.Name, w.Email);
        Assert.True(left.Count == 0, "Still found after anonymisation:\n" + string.Join("\n", left));

        var snapshot = await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs);
        clock.SetUtcNow(new DateTimeOffset(2029, 2, 16, 9, 0, 0, TimeSpan.Zero));
        Assert.Null(await retention.RunCohortAsync(cohort, default));                       // idempotent: nobody left
        Assert.Empty(TableSnapshot.Diff(snapshot, await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs)));
        Assert.Single(audit.Entries);
    }

    [Fact]
    public async Task The_daily_timer_runs_and_leaves_cohorts_within_their_retention_alone()
    {
        var cohort = await app.CreateCohortAsync();
        await app.ImportAsync(cohort, Matching.MatchRunTestData.Csv);
        var invocation = await app.TimerAsync("PersonalDataRetention");
        Assert.True(invocation.Succeeded, invocation.Error?.ToString());
        Assert.All(await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync(), r => Assert.NotEqual("", r.Email));
    }

    [Fact]
    public async Task The_form_links_to_a_notice_that_says_what_is_kept_for_how_long_and_whom_to_ask()
    {
        var cohort = await app.CreateCohortAsync(workingGroup: ["privacy-wg@heat.example"]);
        var form = await app.Client().GetStringAsync($"/apply/{cohort}");
        Assert.Contains($"href=\"/privacy?cohort={cohort}\"", form);
        var response = await app.Client().GetAsync($"/privacy?cohort={cohort}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await response.Content.ReadAsStringAsync();
        Assert.Contains("12 months after the programme ends", notice);
        Assert.Contains("until 15 February 2029", notice);
        Assert.Contains("mailto:privacy-wg@heat.example", notice);
        Assert.Contains("deleted 30 days after sending", notice);
        var general = await app.Client().GetStringAsync("/privacy?cohort=%27nope");
        Assert.Contains("12 months after the programme ends", general);
        Assert.DoesNotContain("until 15 February", general);
    }
}
