using System.Net;
using MentoringFunctions.Admin;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;
using static MentoringFunctions.Tests.Matching.PairsTestData;

namespace MentoringFunctions.Tests.Matching;

/// <summary>Re-matching mid-programme: running pairs kept as locks, ended pairs not made again, only new pairs introduced.</summary>
[Collection(AppCollection.Name)]
public class RematchTests(AppFixture app)
{
    [Fact]
    public async Task A_rematch_keeps_running_pairs_and_introduces_only_new_ones()
    {
        var admin = app.AdminClient();
        var fresh = await CohortWithApplicantsAsync(app);
        var early = await admin.PostAsync($"/manage/cohorts/{fresh}/rematch", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);   // nothing published yet
        Assert.Contains("publish a match run first", await early.Content.ReadAsStringAsync());

        var (cohort, first, matches) = await PublishedAsync(app);
        var eve = matches.Single(m => m.MenteeId == "e1");
        (await admin.PostAsync(PairUrl(cohort, eve) + "/end", Form(("reason", "moved abroad")))).EnsureSuccessStatusCode();
        await app.ImportAsync(cohort, "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n" +
            "m3,mentor,Max Senior,max@ex.org,Omega,30,London,online,Policy;Finance,,2,,\n");
        var introsBefore = (await app.OutboxAsync(cohort)).Count(e => e.Kind == "introduction");

        var started = await admin.PostAsync($"/manage/cohorts/{cohort}/rematch", null);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var runId = started.Headers.Location!.ToString().Split('/').Last();
        var audited = Assert.Single(await app.Factory.Services.GetRequiredService<AuditLog>()
            .ListAsync(cohort, AuditAction.MatchRunStarted, null, 10, default), e => e.Summary.Contains(runId));
        Assert.Contains("re-match", audited.Summary);
        Assert.True((await ProcessAsync(app, cohort, runId)).Succeeded);
        var rematch = await GetAsync(app, runId);
        Assert.Equal((RunStatus.Completed, first.Id, true), (rematch.Status, rematch.BasedOn, rematch.Rematch));
        var running = matches.Where(m => m.RowKey != eve.RowKey).ToList();
        var settings = MatchSettingsJson.Parse(rematch.Settings.GetRawText()).Settings!;
        Assert.Equal(running.Select(m => m.RowKey).Order(), settings.Locks.Select(l => $"{l.Mentor}|{l.Mentee}").Order());
        Assert.Contains(new PairRef(eve.MentorId, "e1"), settings.Excludes);
        Assert.All(running, m => Assert.Contains(rematch.Result!.Pairs, p => p.MentorId == m.MentorId && p.MenteeId == m.MenteeId && p.Locked));
        var added = rematch.Result!.Pairs.Where(p => !p.Locked).ToList();
        Assert.NotEmpty(added);
        Assert.DoesNotContain(added, p => p.MentorId == eve.MentorId && p.MenteeId == "e1");

        var published = await admin.PostAsync($"/api/match-runs/{runId}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var after = await MatchesAsync(app, cohort);
        foreach (var kept in running)   // kept pairs keep their run, dates and status
        {
            var now = after.Single(m => m.RowKey == kept.RowKey);
            Assert.Equal((first.Id, kept.IntroducedAt, MatchStatus.Introduced), (now.RunId, now.IntroducedAt, now.Status));
        }
        Assert.Equal(MatchStatus.Ended, after.Single(m => m.RowKey == eve.RowKey).Status);
        Assert.Equal(added.Count, after.Count(m => m.RunId == runId && m.Status == MatchStatus.Introduced));
        var intros = (await app.OutboxAsync(cohort)).Where(e => e.Kind == "introduction" && e.RowKey.Contains(runId)).ToList();
        var newPeople = added.SelectMany(p => new[] { p.MentorId, p.MenteeId }).Distinct().ToList();
        Assert.Equal(newPeople.Count, intros.Count);
        Assert.Equal(introsBefore + newPeople.Count, (await app.OutboxAsync(cohort)).Count(e => e.Kind == "introduction"));
        Assert.DoesNotContain(await app.OutboxAsync(cohort), e => e.Kind == "not-matched" && e.RowKey.Contains(runId));
        var store = app.Worker.Services.GetRequiredService<MatchRunStore>();
        Assert.Equal(runId, (await store.GetPublishedAsync(cohort, default))!.RunId);

        // Publishing again sends nothing; withdrawing the re-match takes back only its pairs.
        var count = (await app.OutboxAsync(cohort)).Count;
        (await admin.PostAsync($"/api/match-runs/{runId}/publish", null)).EnsureSuccessStatusCode();
        Assert.Equal(count, (await app.OutboxAsync(cohort)).Count);
        (await admin.PostAsync($"/api/match-runs/{runId}/withdraw", null)).EnsureSuccessStatusCode();
        after = await MatchesAsync(app, cohort);
        Assert.All(after.Where(m => m.RunId == runId), m => Assert.Equal(MatchStatus.Withdrawn, m.Status));
        Assert.All(running, kept => Assert.Equal(MatchStatus.Introduced, after.Single(m => m.RowKey == kept.RowKey).Status));
        Assert.Equal(first.Id, (await store.GetPublishedAsync(cohort, default))!.RunId);
    }
}
