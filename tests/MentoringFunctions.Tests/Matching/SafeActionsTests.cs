using System.Net;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;

namespace MentoringFunctions.Tests.Matching;

/// <summary>Issue 11 items 4 and 5 over HTTP: publish and withdraw go through a confirmation, the review page names people.</summary>
[Collection(AppCollection.Name)]
public class SafeActionsTests(AppFixture app)
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<(string Cohort, MatchRunView Run)> ComputedRunAsync()
    {
        // Open around the shared clock's "now" (other tests move it on), so the confirmation warns about it.
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var cohort = await app.CreateCohortAsync(open: today.AddDays(-1), close: today.AddDays(30), programmeStart: today.AddDays(40));
        await app.ImportAsync(cohort, Csv);
        var run = await StartAsync(app, cohort);
        Assert.True((await ProcessAsync(app, cohort, run.Id)).Succeeded);
        return (cohort, await GetAsync(app, run.Id));
    }

    [Fact]
    public async Task Publish_confirmation_counts_the_emails_publishing_then_sends_and_a_bare_post_publishes_nothing()
    {
        var (cohort, run) = await ComputedRunAsync();
        var admin = app.AdminClient();
        var result = run.Result!;
        var people = result.Pairs.SelectMany(p => new[] { p.MentorId, p.MenteeId }).Distinct().Count();
        var notMatched = result.Applicants.Count - people;

        var confirm = await admin.GetStringAsync($"/manage/match-runs/{run.Id}/publish");
        Assert.Contains($"{result.Pairs.Count} introductions to {people} people; {notMatched} not-matched e-mail", confirm);
        Assert.Contains("Applications are still open", confirm);
        Assert.Contains("Em Mentee [e4]", confirm);                          // who gets "not matched", by name

        // The review page's old button, a stray or replayed post: sent to the confirmation, nothing published.
        var bare = await admin.PostAsync($"/manage/match-runs/{run.Id}/publish", Form());
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains($"href=\"/manage/match-runs/{run.Id}/publish\"", await bare.Content.ReadAsStringAsync());
        Assert.Equal(RunStatus.Completed, (await GetAsync(app, run.Id)).Status);
        Assert.DoesNotContain(await app.OutboxAsync(cohort), e => e.Kind is "introduction" or "not-matched");

        var published = await admin.PostAsync($"/manage/match-runs/{run.Id}/publish", Form(("confirmed", "yes")));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var outbox = await app.OutboxAsync(cohort);
        Assert.Equal(people, outbox.Count(e => e.Kind == "introduction"));
        Assert.Equal(notMatched, outbox.Count(e => e.Kind == "not-matched"));

        // Published pairs are shown without the boxes that would change the run.
        var page = await published.Content.ReadAsStringAsync();
        Assert.Contains("Published pairs", page);
        Assert.DoesNotContain("name=\"lock\"", page);
        Assert.DoesNotContain("name=\"exclude\"", page);
        Assert.DoesNotContain("Re-run with these locks", page);
        Assert.Contains("This run is already published.", await admin.GetStringAsync($"/manage/match-runs/{run.Id}/publish"));
    }

    [Fact]
    public async Task Withdraw_confirmation_says_what_happens_and_tells_each_person_once_when_asked()
    {
        var (cohort, run) = await ComputedRunAsync();
        var admin = app.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/manage/match-runs/{run.Id}/publish", Form(("confirmed", "yes")))).StatusCode);
        var people = run.Result!.Pairs.SelectMany(p => new[] { p.MentorId, p.MenteeId }).Distinct().Count();

        var confirm = await admin.GetStringAsync($"/manage/match-runs/{run.Id}/withdraw");
        Assert.Contains($"{run.Result.Pairs.Count} matches end, with {people} people in them.", confirm);
        Assert.Contains("no more first-meeting reminders, check-ins", confirm);
        Assert.Contains("name=\"tell\"", confirm);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/manage/match-runs/{run.Id}/withdraw", Form())).StatusCode);
        Assert.Equal(RunStatus.Published, (await GetAsync(app, run.Id)).Status);

        var done = await admin.PostAsync($"/manage/match-runs/{run.Id}/withdraw", Form(("confirmed", "yes"), ("tell", "yes")));
        Assert.Contains($"{people} people told by e-mail", await done.Content.ReadAsStringAsync());
        Assert.Equal(RunStatus.Withdrawn, (await GetAsync(app, run.Id)).Status);
        var told = (await app.OutboxAsync(cohort)).Where(e => e.Kind == "match-withdrawn").ToList();
        Assert.Equal(people, told.Count);
        Assert.Equal(people, told.Select(e => e.ToEmail).Distinct().Count());
        var eve = Assert.Single(told, e => e.ToEmail == "eve@ex.org");
        var eveMentor = run.Result.Applicants.Single(a => a.Id == run.Result.Pairs.Single(p => p.MenteeId == "e1").MentorId).Name;
        Assert.Contains(eveMentor, eve.Text);

        // A second post (a double click) withdraws nothing more and tells nobody twice.
        await admin.PostAsync($"/manage/match-runs/{run.Id}/withdraw", Form(("confirmed", "yes"), ("tell", "yes")));
        Assert.Equal(people, (await app.OutboxAsync(cohort)).Count(e => e.Kind == "match-withdrawn"));
    }

    [Fact]
    public async Task A_pair_ticked_lock_and_exclude_is_refused_on_the_page_with_its_ticks_kept()
    {
        var (_, run) = await ComputedRunAsync();
        var pair = run.Result!.Pairs[0];
        var other = run.Result.Pairs[1];
        var key = $"{pair.MentorId}|{pair.MenteeId}";
        var response = await app.AdminClient().PostAsync($"/manage/match-runs/{run.Id}/rerun",
            Form(("lock", key), ("exclude", key), ("lock", $"{other.MentorId}|{other.MenteeId}")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var names = run.Result.ById();
        Assert.Contains($"{names[pair.MentorId].Name} and {names[pair.MenteeId].Name} are ticked both Lock and Exclude", page);
        Assert.Contains("id=\"error-summary\" autofocus", page);
        Assert.Matches($"name=\"lock\" value=\"{System.Text.RegularExpressions.Regex.Escape(key)}\"[^>]* checked", page);
        Assert.Matches($"name=\"exclude\" value=\"{System.Text.RegularExpressions.Regex.Escape(key)}\"[^>]* checked", page);
        Assert.Matches($"name=\"lock\" value=\"{other.MentorId}\\|{other.MenteeId}\"[^>]* checked", page);
        Assert.Single((await app.AdminClient().GetStringAsync($"/manage/cohorts/{run.Cohort}")).Split("/manage/match-runs/").Skip(1));
    }

    [Fact]
    public async Task The_review_and_compare_pages_name_people_and_the_sort_menu_is_in_words()
    {
        var (cohort, run) = await ComputedRunAsync();
        var chosen = run.Result!.Pairs.First(p => p.MenteeId == "e1");
        var rerun = await StartAsync(app, cohort, new { basedOn = run.Id, excludes = new[] { new { mentor = chosen.MentorId, mentee = "e1" } } });
        Assert.True((await ProcessAsync(app, cohort, rerun.Id)).Succeeded);
        var names = run.Result.ById();

        var page = await app.AdminClient().GetStringAsync($"/manage/match-runs/{rerun.Id}");
        Assert.Contains($"Already excluded: {names[chosen.MentorId].Name} <small>[{chosen.MentorId}]</small> → Eve Mentee <small>[e1]</small>", page);
        Assert.Contains("<td>Em Mentee <small>[e4]</small>", page);
        Assert.Contains("<option value=\"gap\" >Widest experience gap first</option>", page);

        var compare = await app.AdminClient().GetStringAsync($"/manage/match-runs/{rerun.Id}/compare?other={run.Id}");
        Assert.Contains($"{names[chosen.MentorId].Name} <small>[{chosen.MentorId}]</small> → Eve Mentee <small>[e1]</small>", compare);
    }
}
