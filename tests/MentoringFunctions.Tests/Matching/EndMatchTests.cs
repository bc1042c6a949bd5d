using System.Net;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MentoringFunctions.Tests.Matching.PairsTestData;

namespace MentoringFunctions.Tests.Matching;

/// <summary>The pair page, and ending a match from it: stored with reason, date and who; both told once; the rhythm stops.</summary>
[Collection(AppCollection.Name)]
public class EndMatchTests(AppFixture app)
{
    [Fact]
    public async Task The_cohort_page_lists_pairs_by_name_and_a_pair_page_shows_both_people()
    {
        var (cohort, _, matches) = await PublishedAsync(app);
        var admin = app.AdminClient();
        var cohortPage = await admin.GetStringAsync($"/manage/cohorts/{cohort}");
        var eve = matches.Single(m => m.MenteeId == "e1");
        Assert.Contains($"href=\"{PairUrl(cohort, eve).Replace("|", "%7C")}\">Eve Mentee</a>", cohortPage);

        var page = await admin.GetStringAsync(PairUrl(cohort, eve));
        foreach (var text in new[] { "Eve Mentee", "eve@ex.org", "Delta", "2 years", eve.MentorName, eve.MentorEmail, "not confirmed yet",
                     "id=\"pair-status\">Running", "End this match" })
            Assert.Contains(text, page);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/manage/cohorts/{cohort}/pairs/nobody%7Cnone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/manage/cohorts/{cohort}/pairs/a%23b")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(PairUrl(cohort, eve))).StatusCode);
    }

    [Fact]
    public async Task Ending_a_match_stores_why_when_and_who_tells_both_kindly_once_and_stops_the_rhythm()
    {
        var (cohort, _, matches) = await PublishedAsync(app);
        var admin = app.AdminClient();
        var eve = matches.Single(m => m.MenteeId == "e1");

        // No reason: refused on the page, nothing written or sent.
        var refused = await admin.PostAsync(PairUrl(cohort, eve) + "/end", Form(("reason", "  ")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Say why the match ends", await refused.Content.ReadAsStringAsync());
        Assert.Equal(MatchStatus.Introduced, (await MatchesAsync(app, cohort)).Single(m => m.RowKey == eve.RowKey).Status);
        var tooLong = await admin.PostAsync(PairUrl(cohort, eve) + "/end", Form(("reason", new string('x', 501))));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.DoesNotContain(await app.OutboxAsync(cohort), e => e.Kind == "match-ended");

        var ended = await admin.PostAsync(PairUrl(cohort, eve) + "/end", Form(("reason", "Eve changed jobs")));
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var page = await ended.Content.ReadAsStringAsync();
        Assert.Contains("The match has ended. 2 e-mails queued", page);
        Assert.Contains("id=\"pair-status\">Ended", page);
        Assert.DoesNotContain("End this match</button>", page);
        var stored = (await MatchesAsync(app, cohort)).Single(m => m.RowKey == eve.RowKey);
        Assert.Equal((MatchStatus.Ended, "Eve changed jobs", AppFixture.OrganiserEmail, app.Clock.GetUtcNow()),
            (stored.Status, stored.EndReason, stored.EndedBy, stored.EndedAt!.Value));
        var mails = (await app.OutboxAsync(cohort)).Where(e => e.Kind == "match-ended").ToList();
        Assert.Equal(new[] { eve.MenteeEmail, eve.MentorEmail }.Order(), mails.Select(e => e.ToEmail).Order());
        Assert.All(mails, e => Assert.DoesNotContain("changed jobs", e.Text));   // the reason is the group's, not in the e-mail

        // Ending again (a double click): nothing more is sent.
        var again = await admin.PostAsync(PairUrl(cohort, eve) + "/end", Form(("reason", "Eve changed jobs")));
        Assert.Contains("already ended; nothing more was sent", await again.Content.ReadAsStringAsync());
        Assert.Equal(2, (await app.OutboxAsync(cohort)).Count(e => e.Kind == "match-ended"));

        // The rhythm over the next month: nudges, check-ins and lunch invites for the others, none for this pair.
        var rhythm = app.Worker.Services.GetRequiredService<RhythmPass>();
        var found = (await app.Worker.Services.GetRequiredService<CohortRepository>().GetAsync(cohort))!.Value.Cohort;
        var before = (await app.OutboxAsync(cohort)).Select(e => e.RowKey).ToHashSet();
        for (var day = new DateOnly(2027, 2, 15); day <= new DateOnly(2027, 3, 15); day = day.AddDays(1))
            await rhythm.RunCohortAsync(found, new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero), CancellationToken.None);
        var sent = (await app.OutboxAsync(cohort)).Where(e => !before.Contains(e.RowKey)).ToList();
        Assert.Contains(sent, e => e.Kind == "check-in");
        Assert.DoesNotContain(sent, e => e.ToEmail == eve.MenteeEmail);
        Assert.DoesNotContain(sent, e => e.ToEmail == eve.MentorEmail && e.Text.Contains("Eve Mentee"));
    }

    [Fact]
    public void Only_an_introduced_pair_is_active_and_an_unknown_status_throws()
    {
        Assert.True(MatchStatus.Introduced.IsActive());
        Assert.False(MatchStatus.Ended.IsActive());
        Assert.False(MatchStatus.Withdrawn.IsActive());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((MatchStatus)99).IsActive());
    }
}
