using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentoringFunctions.Tests.Rhythm;

/// <summary>Signed links: feedback (form and JSON), hours, tampering and expiry; the timer through the local host.</summary>
[Collection(AppCollection.Name)]
public class ParticipationTests(AppFixture app)
{
    private LinkTokens Tokens => app.Factory.Services.GetRequiredService<LinkTokens>();

    [Fact]
    public async Task Tampered_and_expired_links_get_a_clear_page_not_a_stack_trace()
    {
        var token = Tokens.Issue("c1", "e1", "m1|e1", "checkin", TimeSpan.FromDays(1));
        var tampered = token[..^3] + (token[^3] == 'A' ? "BBB" : "AAA");
        var bad = await app.Client().GetAsync($"/p/checkin?t={tampered}&answer=met");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("This link is not valid", await bad.Content.ReadAsStringAsync());

        var otherPurpose = await app.Client().GetAsync($"/p/unsubscribe?t={token}");    // a check-in link cannot unsubscribe
        Assert.Equal(HttpStatusCode.BadRequest, otherPurpose.StatusCode);

        var old = new LinkTokens(new byte[32], new Microsoft.Extensions.Time.Testing.FakeTimeProvider(app.Clock.GetUtcNow().AddDays(-90)));
        var expiredWithWrongKey = old.Issue("c1", "e1", null, "hours", TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client().GetAsync($"/p/hours?t={expiredWithWrongKey}")).StatusCode);

        var expired = Tokens.Issue("c1", "e1", null, "hours", TimeSpan.FromDays(-1));
        var gone = await app.Client().GetAsync($"/p/hours?t={expired}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var text = await gone.Content.ReadAsStringAsync();
        Assert.Contains("This link has expired", text);
        Assert.DoesNotContain("   at ", text);

        var api = await app.Client().PostAsJsonAsync("/api/feedback", new { token = tampered, overall = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("\"token\"", await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Feedback_form_shows_errors_then_saves_one_answer_per_stage_and_alerts_the_working_group()
    {
        var cohort = await app.CreateCohortAsync();
        var token = Tokens.Issue(cohort, "e1", "m1|e1", "feedback:midpoint", TimeSpan.FromDays(30));
        var form = await app.Client().GetStringAsync($"/p/feedback?t={token}");
        Assert.Contains("How is mentoring going?", form);

        async Task<HttpResponseMessage> PostForm(params (string, string)[] fields)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/feedback")
            {
                Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)).Append(KeyValuePair.Create("token", token)).Append(KeyValuePair.Create("stage", "midpoint"))),
            };
            request.Headers.Accept.ParseAdd("text/html");
            return await app.Client().SendAsync(request);
        }
        var invalid = await PostForm(("overall", "9"), ("comments", "kept text"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var page = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Rate mentoring overall from 1 (poor) to 5", page);
        Assert.Contains("kept text", page);

        Assert.Equal(HttpStatusCode.OK, (await PostForm(("overall", "2"), ("usefulness", "2"), ("relationship", "3"), ("wants_to_continue", "no"), ("wants_to_end", "yes"), ("hours_spent", "3"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostForm(("overall", "3"), ("usefulness", "3"), ("relationship", "3"), ("wants_to_continue", "no"), ("wants_to_end", "yes"), ("hours_spent", "4.5"))).StatusCode);
        var stored = Assert.Single(await app.Table(StorageNames.Feedback).QueryAsync<FeedbackEntity>(f => f.PartitionKey == cohort).ToListAsync());
        Assert.Equal((3, 4.5, true, "midpoint"), (stored.Overall, stored.HoursSpent, stored.WantsToEnd, stored.Stage));   // replaced, not added
        var alert = Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "feedback-alert");
        Assert.Contains("asked to end their match", alert.Subject);
    }

    [Fact]
    public async Task Mentors_log_sessions_and_the_statement_adds_them_up()
    {
        var cohort = await MatchRunTestData.CohortWithApplicantsAsync(app, started: true);
        var run = await MatchRunTestData.StartAsync(app, cohort);
        await MatchRunTestData.ProcessAsync(app, cohort, run.Id);
        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var match = (await app.Table(StorageNames.Matches).QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync()).First(m => m.MentorId == "m1");
        var token = Tokens.Issue(cohort, "m1", match.RowKey, "hours", TimeSpan.FromDays(30));
        async Task<HttpResponseMessage> Log(string date, string minutes) =>
            await app.Client().PostAsync("/p/hours", new FormUrlEncodedContent([new("t", token), new("date", date), new("minutes", minutes)]));

        Assert.Equal(HttpStatusCode.BadRequest, (await Log("2027-01-05", "2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Log("2026-11-30", "60")).StatusCode);   // before the programme started
        Assert.Equal(HttpStatusCode.OK, (await Log("2027-01-05", "60")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Log("2027-01-05", "75")).StatusCode);          // a correction of the same day
        var last = await Log("2027-01-08", "45");
        Assert.Contains("In all: 120 minutes", await last.Content.ReadAsStringAsync());

        var csv = await app.AdminClient().GetStringAsync($"/api/cohorts/{cohort}/hours.csv");
        var lines = csv.Trim().Split('\n');
        Assert.Equal("mentor_id,name,email,sessions,minutes,hours,hours_reported_in_feedback", lines[0].Trim());
        Assert.Contains(lines, l => l.Trim() == "m1,Mina Mentor,mina@ex.org,2,120,2,0");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/cohorts/{cohort}/hours.csv")).StatusCode);
    }

    [Fact]
    public async Task The_local_stand_in_fires_the_daily_timer_at_eight()
    {
        var cohort = await MatchRunTestData.CohortWithApplicantsAsync(app);
        var run = await MatchRunTestData.StartAsync(app, cohort);
        await MatchRunTestData.ProcessAsync(app, cohort, run.Id);
        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var services = app.Factory.Services;
        var functions = services.GetRequiredService<FunctionApp>();
        var invoker = new FunctionInvoker(functions.Timers.Single(t => t.Name == "ProgrammeRhythm"), typeof(Program).Assembly);
        var scheduler = new LocalTimerScheduler(functions, services.GetRequiredService<IServiceScopeFactory>(), app.Clock,
            NullLogger<LocalTimerScheduler>.Instance);
        var participation = services.GetRequiredService<ParticipationStore>();
        using var cts = new CancellationTokenSource();

        var loop = scheduler.RunAsync(invoker, cts.Token);
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(new DateTimeOffset(now.Date.AddDays(1).AddHours(8), TimeSpan.Zero) - now);   // to 08:00 tomorrow
        var tomorrow = DateOnly.FromDateTime(now.Date.AddDays(1));
        DateOnly? processed = null;
        for (var i = 0; i < 600 && processed != tomorrow; i++)
        {
            await Task.Delay(100);
            processed = await participation.LastProcessedAsync(cohort, CancellationToken.None);
        }
        await cts.CancelAsync();
        await loop;

        Assert.Equal(tomorrow, processed);        // the day it fired for, in London
    }
}
