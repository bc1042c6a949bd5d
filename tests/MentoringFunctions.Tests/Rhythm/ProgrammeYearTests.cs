using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentoringFunctions.Email;
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
/// A whole programme year, day by day on a fake clock, through the timer's contract envelope:
/// which e-mails go out on which day, to whom, once; across a daylight-saving change and a
/// three-day outage; feedback stops a reminder; unsubscribing stops nudges but not service e-mail.
/// </summary>
[Collection(AppCollection.Name)]
public class ProgrammeYearTests(AppFixture app)
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

    /// <summary>The worker's graph on this test's clock: the timer and queue functions run there.</summary>
    private IHost Worker() => app.WorkerWith(s => s.AddSingleton<TimeProvider>(_clock));

    private static async Task TimerAsync(IHost worker)
    {
        var result = await Functions.TimerAsync(worker.Services, "ProgrammeRhythm");
        Assert.True(result.Succeeded, result.Error?.ToString());
    }

    private static string Token(OutboxEntity email, string path) =>
        Regex.Match(email.Text, $@"/p/{path}\?t=([A-Za-z0-9_\-\.]+)").Groups[1].Value;

    [Fact]
    public async Task A_year_of_nudges_feedback_and_lunches_each_sent_once_on_its_day()
    {
        await using var factory = Factory();
        var admin = Admin(factory);
        using var worker = Worker();
        var cohort = "year-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger 2027", applicationsOpen = "2027-01-01", applicationsClose = "2027-01-15",
            programmeStart = "2027-02-01", midpoint = "2027-07-01", programmeEnd = "2028-01-31", topics = new[] { "Finance", "Procurement", "Policy" },
            workingGroupEmails = new[] { "wg@heat.example" },
            rhythm = new { lunch = new { weekday = "Tuesday", nth = 1, start = "12:30:00", end = "13:15:00", joinUrl = "https://meet.example/lunch" } },
        })).EnsureSuccessStatusCode();
        await ImportRuns.ImportAsync(admin, worker.Services, cohort, MatchRunTestData.Csv);
        var run = (await (await admin.PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { })).Content.ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json))!;
        Assert.True((await MatchRunTestData.ProcessAsync(worker.Services, cohort, run.Id)).Succeeded);

        _clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero));
        (await admin.PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var matches = await app.Table("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync();
        var people = matches.SelectMany(m => new[] { m.MentorEmail, m.MenteeEmail }).Distinct().Order().ToList();
        var outage = new[] { new DateOnly(2027, 3, 29), new DateOnly(2027, 3, 30), new DateOnly(2027, 3, 31) };   // after the clocks go forward on 28 March
        var metPair = matches.OrderBy(m => m.RowKey).First();
        string? unsubscribed = null;
        string? answerer = null;

        for (var day = new DateOnly(2027, 2, 1); day <= new DateOnly(2028, 2, 20); day = day.AddDays(1))
        {
            _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
            if (outage.Contains(day)) continue;
            await TimerAsync(worker);
            var outbox = await app.OutboxAsync(cohort);
            if (day == new DateOnly(2027, 2, 10))   // one pair confirms a first meeting through the check-in link of its introduction week
            {
                var intro = outbox.First(e => e.Kind == "introduction" && e.ToEmail == metPair.MenteeEmail);
                Assert.Empty(Token(intro, "checkin"));   // introductions carry no check-in link; use a fresh token from the store
                var tokens = factory.Services.GetRequiredService<MentoringFunctions.Rhythm.LinkTokens>();
                var t = tokens.Issue(cohort, metPair.MenteeId, metPair.RowKey, "checkin", TimeSpan.FromDays(30));
                var page = await admin.GetStringAsync($"/p/checkin?t={t}&answer=met");
                Assert.Contains("value=\"met\" checked", page);
                (await admin.PostAsync("/p/checkin", new FormUrlEncodedContent([new("t", t), new("answer", "met")]))).EnsureSuccessStatusCode();
            }
            if (day == new DateOnly(2027, 5, 10))   // someone unsubscribes from their latest check-in e-mail
            {
                var checkIn = outbox.Where(e => e.Kind == "check-in").OrderBy(e => e.ToEmail).First();
                unsubscribed = checkIn.ToEmail;
                Assert.Contains("List-Unsubscribe=One-Click", checkIn.Headers);
                (await admin.PostAsync($"/p/unsubscribe?t={Token(checkIn, "unsubscribe")}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).EnsureSuccessStatusCode();
            }
            if (day == new DateOnly(2027, 7, 3))    // one person answers the mid-point feedback request
            {
                answerer = people.First(p => p != unsubscribed);
                var request = outbox.First(e => e.Kind == "feedback" && e.ToEmail == answerer);
                var response = await admin.PostAsJsonAsync("/api/feedback", new Dictionary<string, object>
                {
                    ["token"] = Token(request, "feedback"), ["overall"] = 4, ["usefulness"] = 5, ["relationship"] = 4,
                    ["meetings_held"] = 5, ["hours_spent"] = "6.5", ["wants_to_continue"] = "yes", ["comments"] = "Going well",
                });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        // Running again on the last day (an overlapping run or a restart) queues nothing new.
        var before = (await app.OutboxAsync(cohort)).Count;
        await TimerAsync(worker);
        var all = await app.OutboxAsync(cohort);
        Assert.Equal(before, all.Count);

        DateOnly Day(OutboxEntity e) => DateOnly.FromDateTime(e.CreatedAt.UtcDateTime);
        List<OutboxEntity> Kind(string kind) => all.Where(e => e.Kind == kind).ToList();

        // First-meeting nudges on 15 Feb to both people of every pair that had not met; the WG hears on 1 Mar.
        var unmet = matches.Where(m => m.RowKey != metPair.RowKey).ToList();
        var nudged = Kind("first-meeting");
        Assert.All(nudged, e => Assert.Equal(new DateOnly(2027, 2, 15), Day(e)));
        // One nudge a person, however many of their pairs have not met; one summary for the working group, naming every pair.
        Assert.Equal(unmet.SelectMany(m => new[] { m.MentorEmail, m.MenteeEmail }).Distinct().Order(), nudged.Select(e => e.ToEmail).Order());
        var escalation = Assert.Single(Kind("first-meeting-escalation"));
        Assert.Equal((new DateOnly(2027, 3, 1), "wg@heat.example"), (Day(escalation), escalation.ToEmail));
        Assert.All(unmet, m => Assert.Contains($"{m.MentorName} (mentor) and {m.MenteeName} (mentee)", escalation.Text));

        // Lunches: the 6 April invite was due on 30 March, in the outage: caught up on 1 April, once, with an .ics in London time (BST).
        var aprilInvites = Kind("lunch").Where(e => e.Subject.Contains("6 April") && !e.Subject.StartsWith("Today")).ToList();
        Assert.Equal(people.Count, aprilInvites.Count);
        Assert.All(aprilInvites, e => Assert.Equal(new DateOnly(2027, 4, 1), Day(e)));
        var ics = Encoding.UTF8.GetString(Convert.FromBase64String(aprilInvites[0].AttachmentList().Single().Base64));
        Assert.Contains("DTSTART;TZID=Europe/London:20270406T123000", ics);
        Assert.Contains("DTEND;TZID=Europe/London:20270406T131500", ics);
        Assert.Contains("https://meet.example/lunch", ics);
        var reminders = Kind("lunch").Where(e => e.Subject.StartsWith("Today")).ToList();
        Assert.All(reminders, e => Assert.Equal(DayOfWeek.Tuesday, Day(e).DayOfWeek));
        Assert.Contains(reminders, e => Day(e) == new DateOnly(2027, 4, 6));
        // The 2 March lunch's reminder day was not in the outage; no lunch falls on an outage day, and none is invited after it started.
        Assert.All(Kind("lunch"), e => Assert.True(Day(e) <= DateOnly.Parse(Regex.Match(e.Subject, @"\d{1,2} \w+ \d{4}").Value)));

        // Mid-point feedback: requests on 1 July; the reminder on 8 July skips the person who answered.
        Assert.All(Kind("feedback").Where(e => !e.Subject.StartsWith("Reminder") && e.Subject.Contains("mid-point")), e => Assert.Equal(new DateOnly(2027, 7, 1), Day(e)));
        var midReminders = Kind("feedback").Where(e => e.Subject.StartsWith("Reminder") && e.Subject.Contains("mid-point")).ToList();
        Assert.All(midReminders, e => Assert.Equal(new DateOnly(2027, 7, 8), Day(e)));
        Assert.DoesNotContain(midReminders, e => e.ToEmail == answerer);
        Assert.Equal(people.Count - 2, midReminders.Count);     // everyone but the one who answered and the unsubscribed
        Assert.Contains(Kind("feedback"), e => e.Subject.Contains("end-of-programme") && Day(e) == new DateOnly(2028, 1, 31));

        // Unsubscribed on 10 May: no nudges or invitations after that day.
        Assert.NotNull(unsubscribed);
        Assert.DoesNotContain(all, e => e.ToEmail == unsubscribed && Day(e) > new DateOnly(2027, 5, 10));
        Assert.Contains(all, e => e.ToEmail == unsubscribed && Day(e) < new DateOnly(2027, 5, 10) && e.Kind == "check-in");

        // Weekly digests on Mondays to the working group; every key once.
        // (The digest of Monday 29 March fell in the outage and was caught up on 1 April.)
        Assert.All(Kind("digest"), e => Assert.True(Day(e).DayOfWeek == DayOfWeek.Monday || Day(e) == new DateOnly(2027, 4, 1), $"{Day(e)}"));
        Assert.Single(Kind("digest"), e => e.RowKey.Contains("2027-03-29") && Day(e) == new DateOnly(2027, 4, 1));
        Assert.Equal(all.Count, all.Select(e => e.RowKey).Distinct().Count());

        // A service e-mail still reaches the unsubscribed person: a new run is published after withdrawing the first.
        var rerun = (await (await admin.PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { settings = new { weights = new { region = 11 } } })).Content.ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json))!;
        Assert.True((await MatchRunTestData.ProcessAsync(worker.Services, cohort, rerun.Id)).Succeeded);
        (await admin.PostAsync($"/api/match-runs/{run.Id}/withdraw", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/match-runs/{rerun.Id}/publish", null)).EnsureSuccessStatusCode();
        Assert.Contains(await app.OutboxAsync(cohort), e => e.ToEmail == unsubscribed && e.Kind is "introduction" or "not-matched" && e.RowKey.Contains(rerun.Id));
    }
}
