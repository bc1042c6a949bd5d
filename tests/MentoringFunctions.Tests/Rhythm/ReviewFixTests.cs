using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentoringFunctions.Tests.Rhythm;

/// <summary>Defects a review found, each pinned by a test that failed before its fix.</summary>
[Collection(AppCollection.Name)]
public class ReviewFixTests(AppFixture app)
{
    private LinkTokens Tokens => app.Factory.Services.GetRequiredService<LinkTokens>();

    [Fact]
    public void Without_any_configured_secret_links_cannot_be_forged_from_a_constant()
    {
        var config = new ConfigurationBuilder().Build();
        var a = LinkTokens.From(config, null, TimeProvider.System, NullLogger.Instance);
        var b = LinkTokens.From(config, null, TimeProvider.System, NullLogger.Instance);
        var forged = b.Issue("c1", "e1", null, "unsubscribe", TimeSpan.FromDays(1));
        Assert.Equal(TokenStatus.Tampered, a.Read(forged, "unsubscribe").Status);
        Assert.Equal(TokenStatus.Valid, b.Read(forged, "unsubscribe").Status);
    }

    [Fact]
    public void Rotating_the_link_secret_keeps_links_already_sent_and_signs_new_ones_with_the_new_secret()
    {
        static IConfiguration Config(params (string, string)[] settings) =>
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Item1, (string?)s.Item2))).Build();
        var before = LinkTokens.From(Config(("Links:Secret", "old")), null, TimeProvider.System, NullLogger.Instance);
        var sent = before.Issue("c1", "e1", "m1", "checkin", TimeSpan.FromDays(30));

        var rotated = LinkTokens.From(Config(("Links:Secret", "new"), ("Links:PreviousSecrets", "older; old")), null,
            TimeProvider.System, NullLogger.Instance);
        var asArray = LinkTokens.From(Config(("Links:Secret", "new"), ("Links:PreviousSecrets:0", "old")), null,
            TimeProvider.System, NullLogger.Instance);
        var dropped = LinkTokens.From(Config(("Links:Secret", "new")), null, TimeProvider.System, NullLogger.Instance);

        Assert.Equal(TokenStatus.Valid, rotated.Read(sent, "checkin").Status);
        Assert.Equal(TokenStatus.Valid, asArray.Read(sent, "checkin").Status);
        Assert.Equal(TokenStatus.Tampered, dropped.Read(sent, "checkin").Status);
        // New links are signed with the new secret: the old deployment cannot read them.
        Assert.Equal(TokenStatus.Tampered, before.Read(rotated.Issue("c1", "e1", "m1", "checkin", TimeSpan.FromDays(1)), "checkin").Status);
    }

    [Fact]
    public void A_local_run_keeps_its_generated_link_secret_across_restarts_and_the_admin_key_plays_no_part()
    {
        var file = Path.Combine(Path.GetTempPath(), "mf-links-" + Guid.NewGuid().ToString("N"), "links-secret");
        var config = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Admin:Key", (string?)"k1")]).Build();
        var first = LinkTokens.From(config, file, TimeProvider.System, NullLogger.Instance);
        var link = first.Issue("c1", "e1", null, "unsubscribe", TimeSpan.FromDays(1));
        var changedKey = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Admin:Key", (string?)"k2")]).Build();
        var restarted = LinkTokens.From(changedKey, file, TimeProvider.System, NullLogger.Instance);
        Assert.Equal(TokenStatus.Valid, restarted.Read(link, "unsubscribe").Status);
        Assert.Equal(64, File.ReadAllText(file).Trim().Length);
    }

    [Fact]
    public async Task A_feedback_link_files_only_its_own_stage_and_a_non_object_body_is_a_400()
    {
        var cohort = await app.CreateCohortAsync();
        var midpoint = Tokens.Issue(cohort, "e9", null, "feedback:midpoint", TimeSpan.FromDays(5));
        var response = await app.Client().PostAsJsonAsync("/api/feedback", new Dictionary<string, object>
        {
            ["token"] = midpoint, ["stage"] = "final", ["overall"] = 5, ["usefulness"] = 5, ["relationship"] = 5, ["wants_to_continue"] = "yes",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("midpoint", Assert.Single(await app.Table(StorageNames.Feedback).QueryAsync<FeedbackEntity>(f => f.PartitionKey == cohort).ToListAsync()).Stage);

        var array = await app.Client().PostAsync("/api/feedback", new StringContent("[1,2]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
    }

    [Fact]
    public async Task Ids_that_cannot_be_table_keys_are_rejected_on_import()
    {
        var cohort = await app.CreateCohortAsync();
        var csv = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n" +
                  "HX/2027/014,mentee,Slash,slash@ex.org,,1,Wales,online,,Finance,,,\n" +
                  "ok-1,mentee,Fine,fine@ex.org,,1,Wales,online,,Finance,,,\n";
        var report = await app.ImportAsync(cohort, csv);
        Assert.Equal(["rejected", "added"], report.Rows!.Select(r => r.Outcome));
        Assert.Contains("is not an id", report.Rows![0].Errors["id"][0]);
    }

    [Fact]
    public async Task Publishing_again_keeps_what_pairs_recorded_and_the_pages_offer_downloads_a_browser_can_open()
    {
        var cohort = await MatchRunTestData.CohortWithApplicantsAsync(app);
        var run = await MatchRunTestData.StartAsync(app, cohort);
        await MatchRunTestData.ProcessAsync(app, cohort, run.Id);
        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var match = (await app.Table(StorageNames.Matches).QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync()).First();
        var token = Tokens.Issue(cohort, match.MenteeId, match.RowKey, "checkin", TimeSpan.FromDays(5));
        (await app.Client().PostAsync("/p/checkin", new FormUrlEncodedContent([new("t", token), new("answer", "met")]))).EnsureSuccessStatusCode();

        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var after = await app.Table(StorageNames.Matches).GetEntityAsync<MatchEntity>(cohort, match.RowKey);
        Assert.NotEqual("", after.Value.FirstMeetingOn);
        Assert.Equal("met", after.Value.LastCheckInAnswer);

        var admin = app.AdminClient();
        Assert.StartsWith("mentor_id,mentee_id,score,reasons", await admin.GetStringAsync($"/manage/match-runs/{run.Id}/pairs.csv"));
        Assert.StartsWith("id,role,name", await admin.GetStringAsync($"/manage/cohorts/{cohort}/applications.csv"));
        Assert.StartsWith("mentor_id,name,email", await admin.GetStringAsync($"/manage/cohorts/{cohort}/hours.csv"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/manage/match-runs/{run.Id}/pairs.csv")).StatusCode);
    }

    [Fact]
    public async Task Formula_like_names_are_escaped_in_the_hours_statement()
    {
        var cohort = await app.CreateCohortAsync();
        var csv = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n" +
                  "m1,mentor,=HYPERLINK(\"http://x\"),evil@ex.org,A,20,Wales,online,Finance,,1,,\n" +
                  "e1,mentee,Ann,ann@ex.org,B,1,Wales,online,,Finance,,,\n";
        await app.ImportAsync(cohort, csv);
        var run = await MatchRunTestData.StartAsync(app, cohort);
        await MatchRunTestData.ProcessAsync(app, cohort, run.Id);
        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var statement = await app.AdminClient().GetStringAsync($"/api/cohorts/{cohort}/hours.csv");
        Assert.Contains("'=HYPERLINK", statement);
    }
}

public class DigestCapTests
{
    [Fact]
    public void Long_digest_lists_end_with_a_count_so_the_e_mail_fits_one_table_property()
    {
        var items = Enumerable.Range(0, 500).Select(i => $"pair {i}: no first meeting yet").ToList();
        var capped = MentoringFunctions.Rhythm.RhythmPass.Cap(items);
        Assert.Equal(41, capped.Count);
        Assert.Equal("... and 460 more (see the working group pages)", capped[^1]);
        Assert.Equal(40, MentoringFunctions.Rhythm.RhythmPass.Cap(items.Take(40).ToList()).Count);
    }
}
