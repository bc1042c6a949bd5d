using System.Net;
using System.Net.Http.Json;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;

namespace MentoringFunctions.Tests.Matching;

[Collection(AppCollection.Name)]
public class MatchRunFlowTests(AppFixture app)
{
    [Fact]
    public async Task Request_compute_review_lock_rerun_compare_publish_once()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var queued = await StartAsync(app, cohort);
        Assert.Equal(RunStatus.Queued, queued.Status);
        Assert.Equal($"/api/match-runs/{queued.Id}", queued.StatusUrl);

        var processed = await ProcessAsync(app, cohort, queued.Id);
        Assert.True(processed.Succeeded, processed.Error?.ToString());
        var run = await GetAsync(app, queued.Id);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.True(run.Proven);
        var result = run.Result!;
        Assert.Equal(5, result.Applicants.Count(a => a.Role != Role.Mentor));              // 4 pure mentees + 1 both
        Assert.Contains(result.Unmatched, u => u.MenteeId == "e4");                          // 16 years: nobody senior enough
        Assert.DoesNotContain(result.Pairs, p => p.MentorId == "m1" && p.MenteeId == "e2");  // same organisation
        Assert.All(result.Pairs, p => Assert.False(string.IsNullOrWhiteSpace(p.Reasons)));
        Assert.NotNull(result.Summary);
        Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "match-run-finished");

        // The same message again: nothing recomputed, nothing re-sent.
        processed = await ProcessAsync(app, cohort, queued.Id, dequeueCount: 2);
        Assert.Contains(processed.Logs, l => l.Contains("already Completed"));
        Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "match-run-finished");

        var csv = await app.AdminClient().GetStringAsync($"/api/match-runs/{queued.Id}/pairs.csv");
        Assert.StartsWith("mentor_id,mentee_id,score,reasons", csv);
        Assert.Equal(result.Pairs.Count + 1, csv.Trim().Split('\n').Length);

        // Lock a pair the optimum did not choose, exclude one it did, and re-run from this run.
        var chosen = result.Pairs.First(p => p.MenteeId == "e1");
        var rerun = await StartAsync(app, cohort, new { basedOn = queued.Id, locks = new[] { new { mentor = "b1", mentee = "e1" } },
            excludes = new[] { new { mentor = chosen.MentorId == "b1" ? "m1" : chosen.MentorId, mentee = "e3" } } });
        await ProcessAsync(app, cohort, rerun.Id);
        var second = await GetAsync(app, rerun.Id);
        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Contains(second.Result!.Pairs, p => p.MentorId == "b1" && p.MenteeId == "e1" && p.Locked);

        var comparison = await app.AdminClient().GetFromJsonAsync<RunComparison>($"/api/match-runs/{rerun.Id}/compare/{queued.Id}");
        Assert.Equal(second.Result.Pairs.Count, comparison!.Matched);
        Assert.Equal(result.Pairs.Count, comparison.OtherMatched);
        Assert.Equal(comparison.Matched, comparison.InBoth + comparison.OnlyInRun.Count);

        var published = await app.AdminClient().PostAsync($"/api/match-runs/{rerun.Id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var outbox = await app.OutboxAsync(cohort);
        var intros = outbox.Where(e => e.Kind == "introduction").ToList();
        var everyone = second.Result.Pairs.SelectMany(p => new[] { p.MentorId, p.MenteeId }).Distinct().Count();
        Assert.Equal(everyone, intros.Count);                                                   // one e-mail per person
        var bo = Assert.Single(intros, e => e.ToEmail == "bo@ex.org");
        Assert.Contains("YOUR MENTEE", bo.Text);                                                 // "both": one e-mail, both sides
        Assert.Contains("Eve Mentee", bo.Text);
        Assert.Single(outbox, e => e.Kind == "not-matched" && e.ToEmail == "em@ex.org");

        // Publishing again sends nothing twice; another run cannot be published on top.
        Assert.Equal(HttpStatusCode.OK, (await app.AdminClient().PostAsync($"/api/match-runs/{rerun.Id}/publish", null)).StatusCode);
        Assert.Equal(outbox.Count, (await app.OutboxAsync(cohort)).Count);
        var refused = await app.AdminClient().PostAsync($"/api/match-runs/{queued.Id}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Withdraw it first", await refused.Content.ReadAsStringAsync());

        // Withdraw, then publish the first run: matches of the withdrawn run stay, marked Withdrawn.
        Assert.Equal(HttpStatusCode.OK, (await app.AdminClient().PostAsync($"/api/match-runs/{rerun.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.AdminClient().PostAsync($"/api/match-runs/{queued.Id}/publish", null)).StatusCode);
        var matches = await app.Table("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync();
        Assert.Equal(result.Pairs.Count, matches.Count(m => m.Status == MatchStatus.Introduced && m.RunId == queued.Id));
        Assert.All(matches.Where(m => m.Status == MatchStatus.Withdrawn), m => Assert.Equal(rerun.Id, m.RunId));
    }

    [Fact]
    public async Task Applications_changed_after_the_run_are_left_out_with_a_warning()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        await ProcessAsync(app, cohort, run.Id);
        var pairOfEve = (await GetAsync(app, run.Id)).Result!.Pairs.Single(p => p.MenteeId == "e1");   // then Eve edits her application
        await app.Client().PostAsJsonAsync("/api/applications", new Dictionary<string, object>
        {
            ["cohort"] = cohort, ["role"] = "mentee", ["name"] = "Eve Mentee", ["email"] = "eve@ex.org", ["organisation"] = "Delta",
            ["years_in_sector"] = 2, ["region"] = "North West", ["meeting"] = "either", ["seeks"] = "Finance;Policy", ["consent"] = true,
        });
        var confirmed = await app.ConfirmAsync(Assert.Single(await app.TokensAsync(cohort, "eve@ex.org")));   // and confirms it
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        var withdrawn = await app.AdminClient().PostAsync($"/api/cohorts/{cohort}/applications/e3/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        var response = await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var published = (await response.Content.ReadFromJsonAsync<PublishResponse>(MatchRunResult.Json))!;
        Assert.Equal((run.Id, RunStatus.Published), (published.Run.Id, published.Run.Status));
        Assert.Contains(published.Warnings, w => w.Contains("e1") && w.Contains("changed their application"));
        Assert.Contains(published.Warnings, w => w.Contains("e3") && w.Contains("withdrew"));
        var matches = await app.Table("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync();
        Assert.DoesNotContain(matches, m => m.MenteeId is "e1" or "e3");
        var outbox = await app.OutboxAsync(cohort);
        Assert.DoesNotContain(outbox, e => e.Kind is "introduction" or "not-matched" && e.ToEmail is "eve@ex.org" or "ela@ex.org");
        var mentorOfEve = (await GetAsync(app, run.Id)).Result!.ById()[pairOfEve.MentorId].Email;
        Assert.DoesNotContain(outbox, e => e.Kind == "not-matched" && e.ToEmail == mentorOfEve);   // not told "no mentee" by mistake
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_a_repeated_request_returns_the_same_run()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var bad = await app.AdminClient().PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { locks = new[] { new { mentor = "m1", mentee = "nobody" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'nobody'", await bad.Content.ReadAsStringAsync());
        var badSettings = await app.AdminClient().PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { settings = new { rules = new { minYearsGap = "two" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badSettings.StatusCode);
        Assert.Contains("minYearsGap", await badSettings.Content.ReadAsStringAsync());
        Assert.Empty((await app.AdminClient().GetFromJsonAsync<List<MatchRunView>>($"/api/cohorts/{cohort}/match-runs", MatchRunResult.Json))!);

        var first = await StartAsync(app, cohort, key: "click-1");
        var again = await StartAsync(app, cohort, key: "click-1");
        Assert.Equal(first.Id, again.Id);
        Assert.Single((await app.AdminClient().GetFromJsonAsync<List<MatchRunView>>($"/api/cohorts/{cohort}/match-runs", MatchRunResult.Json))!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/match-runs/{first.Id}")).StatusCode);
    }
}
