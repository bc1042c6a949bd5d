using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Fuzz;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Rhythm;

/// <summary>
/// A published cohort through the e-mails people are glad to get: introductions reply to the partner, the
/// waiting-list note gives the true reason and reply goes to the working group, a mentor with two mentees hears once a
/// day, the working group gets one not-met summary, nobody on the waiting list is invited to lunch; and the preview
/// page shows what a date would send, writing nothing.
/// </summary>
[Collection(AppCollection.Name)]
public class GladRhythmTests(AppFixture app)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 20, 8, 0, 0, TimeSpan.Zero));

    private WebApplicationFactory<Program> Factory() => app.Factory.WithWebHostBuilder(b =>
        b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    private static HttpClient Admin(WebApplicationFactory<Program> f)
    {
        var c = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        c.DefaultRequestHeaders.Add("X-Admin-Key", AppFixture.AdminKey);
        return c;
    }

    private async Task<(string Cohort, List<MatchEntity> Matches)> PublishedAsync(HttpClient admin, IHost worker)
    {
        var cohort = "glad-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger 2027", applicationsOpen = "2027-01-01", applicationsClose = "2027-01-15",
            programmeStart = "2027-02-01", midpoint = "2027-07-01", programmeEnd = "2028-01-31",
            topics = new[] { "Finance", "Procurement", "Policy" }, workingGroupEmails = new[] { "wg@heat.example" },
        })).EnsureSuccessStatusCode();
        await ImportRuns.ImportAsync(admin, worker.Services, cohort, MatchRunTestData.Csv);
        var run = (await (await admin.PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { })).Content
            .ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json))!;
        Assert.True((await MatchRunTestData.ProcessAsync(worker.Services, cohort, run.Id)).Succeeded);
        _clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero));
        (await admin.PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        return (cohort, await app.Table("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync());
    }

    private static int People(List<MatchEntity> matches) =>
        matches.SelectMany(m => new[] { m.MentorId, m.MenteeId }).Distinct().Count();

    private async Task TimerOnAsync(IHost worker, int month, int day)
    {
        _clock.SetUtcNow(new DateTimeOffset(2027, month, day, 8, 0, 0, TimeSpan.Zero));
        var result = await Functions.TimerAsync(worker.Services, "ProgrammeRhythm");
        Assert.True(result.Succeeded, result.Error?.ToString());
    }

    [Fact]
    public async Task Introductions_reply_to_the_partner_and_the_waiting_list_hears_its_true_reason()
    {
        await using var factory = Factory();
        using var worker = app.WorkerWith(s => s.AddSingleton<TimeProvider>(_clock));
        var admin = Admin(factory);
        var (cohort, matches) = await PublishedAsync(admin, worker);
        var outbox = await app.OutboxAsync(cohort);

        foreach (var m in matches)
        {
            var menteeIntro = Assert.Single(outbox, e => e.Kind == "introduction" && e.ToEmail == m.MenteeEmail);
            Assert.Contains($"Reply-To: {m.MentorEmail}", menteeIntro.Headers);
            var mentorIntro = Assert.Single(outbox, e => e.Kind == "introduction" && e.ToEmail == m.MentorEmail);
            Assert.Contains(m.MenteeEmail, Regex.Match(mentorIntro.Headers, "Reply-To: (.*)").Groups[1].Value);
        }
        // Em has 16 years: no mentor has the gap. The note says so, promises no lunch, and a reply reaches the working group.
        var em = Assert.Single(outbox, e => e.Kind == "not-matched" && e.ToEmail == "em@ex.org");
        Assert.Contains("Every mentor in this round was ruled out by the programme's matching rules: 3 did not have enough more "
            + "years in the sector than you.", em.Text);
        Assert.Contains("you will not get lunch invitations while you are not matched", em.Text);
        Assert.DoesNotContain("welcome at our virtual lunches", em.Text);
        Assert.Contains("Reply-To: wg@heat.example", em.Headers);
        // Bo applied both ways and gets one message that speaks to both roles.
        var bo = Assert.Single(outbox, e => e.ToEmail == "bo@ex.org");
        Assert.Contains("You asked for a mentor and offered to mentor someone", bo.Text);

        // Through SendGrid, the Reply-To is the message's reply_to, not a custom header.
        Assert.True((await Functions.TimerAsync(worker.Services, "DeliverOutbox")).Succeeded);
        var sent = app.SendGrid.To("em@ex.org").Last(r => r.Subject.Contains("waiting list"));
        Assert.Equal("wg@heat.example", sent.Raw.GetProperty("reply_to").GetProperty("email").GetString());
        Assert.False(sent.Raw.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Reply-To", out _));

        // The rhythm does what the note says: the lunch invitations (due 23 February for 2 March) skip the waiting list.
        await TimerOnAsync(worker, 2, 15);
        await TimerOnAsync(worker, 3, 1);
        var lunches = (await app.OutboxAsync(cohort)).Where(e => e.Kind == "lunch").ToList();
        Assert.NotEmpty(lunches);
        Assert.DoesNotContain(lunches, e => e.ToEmail == "em@ex.org");
    }

    [Fact]
    public async Task A_mentor_hears_once_a_day_for_all_mentees_and_the_working_group_gets_one_summary()
    {
        await using var factory = Factory();
        using var worker = app.WorkerWith(s => s.AddSingleton<TimeProvider>(_clock));
        var admin = Admin(factory);
        var (cohort, matches) = await PublishedAsync(admin, worker);
        var busy = matches.GroupBy(m => m.MentorEmail).Single(g => g.Count() == 2).ToList();

        await TimerOnAsync(worker, 2, 15);
        var nudge = Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "first-meeting" && e.ToEmail == busy[0].MentorEmail);
        Assert.All(busy, m => Assert.Contains($"With {m.MenteeName} (your mentee):", nudge.Text));
        Assert.Equal(2, Regex.Matches(nudge.Text, "answer=met").Count);
        Assert.Contains("Reply-To: wg@heat.example", nudge.Headers);

        await TimerOnAsync(worker, 3, 1);   // 28 days (the summary) and one month (the check-in) after the introductions
        var outbox = await app.OutboxAsync(cohort);
        var checkIn = Assert.Single(outbox, e => e.Kind == "check-in" && e.ToEmail == busy[0].MentorEmail);
        Assert.Equal(2, Regex.Matches(checkIn.Text, "answer=not-yet").Count);
        Assert.Equal(2, Regex.Matches(checkIn.Text, "/p/hours").Count);
        Assert.Equal(People(matches), outbox.Count(e => e.Kind == "check-in"));   // one a person
        var summary = Assert.Single(outbox, e => e.Kind == "first-meeting-escalation");
        Assert.Equal($"Heat Exchanger 2027: {matches.Count} pairs have not met yet", summary.Subject);
        Assert.All(matches, m => Assert.Contains($"{m.MentorName} (mentor) and {m.MenteeName} (mentee)", summary.Text));
        var digest = Assert.Single(outbox, e => e.Kind == "digest" && e.Subject.EndsWith("the week to 1 March", StringComparison.Ordinal));
        Assert.Contains($"Pairs at risk ({matches.Count}):", digest.Text);
        Assert.Contains("New applications (0):", digest.Text);   // imported on 20 January, weeks before
    }

    [Fact]
    public async Task The_preview_shows_a_dates_emails_by_kind_and_name_and_writes_nothing()
    {
        await using var factory = Factory();
        using var worker = app.WorkerWith(s => s.AddSingleton<TimeProvider>(_clock));
        var admin = Admin(factory);
        var (cohort, matches) = await PublishedAsync(admin, worker);
        // The pages take a member's session, not the key; the client (and its session row) comes before the snapshot.
        var member = app.AdminClient();
        var before = await TableSnapshot.TakeAsync(app.Azurite.Tables);

        var page = await member.GetAsync($"/manage/cohorts/{cohort}/rhythm?date=2027-03-01");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"check-in ({People(matches)})", html);
        Assert.Contains("first-meeting-escalation (1)", html);
        Assert.Contains("digest (1)", html);
        Assert.All(matches, m => Assert.Contains($"<td>{m.MenteeName}</td>", html));
        Assert.Contains("Heat Exchanger 2027: a quick check-in on your 2 pairs", html);

        var bad = await member.GetAsync($"/manage/cohorts/{cohort}/rhythm?date=1%20March");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Enter a date as YYYY-MM-DD", await bad.Content.ReadAsStringAsync());
        Assert.Contains("outside the cohort&#x27;s rhythm window", await member.GetStringAsync($"/manage/cohorts/{cohort}/rhythm?date=2030-01-01"));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/manage/cohorts/no-such-cohort/rhythm")).StatusCode);
        Assert.Equal(before, await TableSnapshot.TakeAsync(app.Azurite.Tables));
        Assert.Contains($"/manage/cohorts/{cohort}/rhythm", await member.GetStringAsync($"/manage/cohorts/{cohort}"));
    }
}
