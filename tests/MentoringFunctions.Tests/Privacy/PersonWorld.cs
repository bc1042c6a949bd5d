using System.Net.Http.Json;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Privacy;

/// <summary>
/// A cohort in which one person (a name and address no other test uses) has left data everywhere: applied on the form
/// (confirmation mail, the working group's new-application mail), applied again (a pending change and its mail), came
/// in an import (upload, plan, report), was matched in a published run (result blob, match row, introductions to both),
/// gave feedback and was mentioned in the partner's, and logged hours.
/// </summary>
public sealed record PersonWorld(string Cohort, string Id, string Name, string Email, string PartnerId, string PartnerName,
    string PartnerEmail, string MatchKey)
{
    public static async Task<PersonWorld> CreateAsync(AppFixture app)
    {
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6).ToArray()).PadRight(6, 'q');
        var (name, email) = ($"Quilla Vex{suffix}", $"quilla.{suffix}@erase.example");
        var cohort = await app.CreateCohortAsync(workingGroup: ["wg-privacy@heat.example"], notifyWorkingGroup: true);
        var form = (Dictionary<string, object>)AppFixture.Mentee(cohort, email, name);
        form["notes"] = $"Please call me Quilla. {name} at Vex Ltd";
        (await app.Client().PostAsJsonAsync("/api/applications", form)).EnsureSuccessStatusCode();
        await app.ImportAsync(cohort, MatchRunTestData.Csv.Replace("e1,mentee,Eve Mentee,eve@ex.org", $",mentee,{name},{email}"));
        form["region"] = "Wales";
        (await app.Client().PostAsJsonAsync("/api/applications", form)).EnsureSuccessStatusCode();   // waits for confirmation

        var id = (await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync()).Single(a => a.Email == email).Id;
        var run = await MatchRunTestData.StartAsync(app, cohort);
        await MatchRunTestData.ProcessAsync(app, cohort, run.Id);
        (await app.AdminClient().PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var match = (await app.Factory.Services.GetRequiredService<MatchRunStore>().ListMatchesAsync(cohort, default))
            .Single(m => m.MenteeId == id);

        var tokens = app.Factory.Services.GetRequiredService<LinkTokens>();
        foreach (var (person, words) in new[] { (id, "My own words about mentoring"), (match.MentorId, $"{name} is keen") })
        {
            var token = tokens.Issue(cohort, person, match.Key, "feedback:midpoint", TimeSpan.FromDays(30));
            (await app.Client().PostAsJsonAsync("/api/feedback", new Dictionary<string, object>
            {
                ["token"] = token, ["overall"] = 4, ["usefulness"] = 4, ["relationship"] = 5, ["meetings_held"] = 2,
                ["hours_spent"] = "3", ["wants_to_continue"] = "yes", ["comments"] = words,
            })).EnsureSuccessStatusCode();
        }
        await app.Factory.Services.GetRequiredService<ParticipationStore>().LogSessionAsync(cohort,
            new Session(match.MentorId, match.Key, new DateOnly(2027, 1, 9), 45, app.Clock.GetUtcNow()), default);
        return new PersonWorld(cohort, id, name, email, match.MentorId, match.MentorName, match.MentorEmail, match.Key);
    }
}
