using System.Net;
using System.Net.Http.Json;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MentoringFunctions.Tests.Matching.MatchRunTestData;

namespace MentoringFunctions.Tests.Rhythm;

/// <summary>Issue 11 item 5: the working group's alert names the person who asked for help, with the id beside.</summary>
[Collection(AppCollection.Name)]
public class AlertNamesTests(AppFixture app)
{
    [Fact]
    public async Task A_feedback_alert_names_the_person_and_keeps_the_id_as_a_detail()
    {
        var cohort = await CohortWithApplicantsAsync(app);
        var run = await StartAsync(app, cohort);
        Assert.True((await ProcessAsync(app, cohort, run.Id)).Succeeded);
        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var pair = (await GetAsync(app, run.Id)).Result!.Pairs.Single(p => p.MenteeId == "e1");
        var token = app.Factory.Services.GetRequiredService<LinkTokens>()
            .Issue(cohort, "e1", $"{pair.MentorId}|e1", "feedback:midpoint", TimeSpan.FromDays(30));

        var answer = await app.Client().PostAsJsonAsync("/api/feedback", new Dictionary<string, object>
        {
            ["token"] = token, ["overall"] = 2, ["usefulness"] = 2, ["relationship"] = 2, ["wants_to_continue"] = "yes",
            ["wants_help"] = "yes",
        });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var alert = Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "feedback-alert");
        Assert.Contains("Eve Mentee (e1) asked for help", alert.Subject);
        Assert.Contains("Eve Mentee (e1) asked the working group to get in touch", alert.Text);
        Assert.Contains("<strong>Eve Mentee</strong> <small>(e1)</small>", alert.Html);
    }
}
