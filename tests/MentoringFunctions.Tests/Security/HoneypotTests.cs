using System.Net;
using System.Net.Http.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Security;

/// <summary>The apply form's hidden field: a bot that fills it in is answered like a person; nothing happens.</summary>
[Collection(AppCollection.Name)]
public class HoneypotTests(AppFixture app)
{
    private async Task<List<ApplicationEntity>> StoredAsync(string cohort) =>
        await ApplicationRows.Of(app.Azurite.Tables, cohort)
            .ToListAsync();

    [Fact]
    public async Task The_form_carries_a_honeypot_hidden_from_people_and_screen_readers()
    {
        var cohort = await app.CreateCohortAsync();
        var html = await app.Client().GetStringAsync($"/apply/{cohort}");
        Assert.Contains("<div class=\"hp\" aria-hidden=\"true\">", html);
        Assert.Contains("<label for=\"website\">Leave this field empty</label>", html);
        Assert.Contains("name=\"website\" value=\"\" autocomplete=\"off\" tabindex=\"-1\"", html);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_like_a_success_but_stores_and_sends_nothing()
    {
        var cohort = await app.CreateCohortAsync();
        var email = $"bot-{Guid.NewGuid():N}"[..16] + "@example.org";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("cohort", cohort), new("role", "mentee"), new("name", "Bot"), new("email", email),
            new("years_in_sector", "3"), new("region", "Wales"), new("meeting", "online"), new("seeks", "Finance"),
            new("consent", "yes"),
            new("website", "https://spam.example"),
        };
        var form = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        form.Headers.Accept.ParseAdd("text/html");
        var page = await app.Client().SendAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal($"/apply/{cohort}/thanks", page.Headers.Location!.OriginalString);

        var json = new Dictionary<string, object>((Dictionary<string, object>)AppFixture.Mentee(cohort, email))
        {
            ["website"] = "x",
        };
        var api = await app.Client().PostAsJsonAsync("/api/applications", json);
        Assert.Equal(HttpStatusCode.Accepted, api.StatusCode);
        var body = (await api.Content.ReadFromJsonAsync<SubmissionResponse>())!;
        Assert.Equal((cohort, "received"), (body.Cohort, body.Status));
        Assert.Null(api.Headers.Location);
        Assert.Contains("check your e-mail", body.Message);

        Assert.Empty(await StoredAsync(cohort));
        Assert.Empty(await app.OutboxAsync(cohort));

        // A person with the same address gets the same answer, and it counts: the bot used none of the address's limit.
        var real = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, email));
        Assert.Equal(HttpStatusCode.Accepted, real.StatusCode);
        Assert.Equal(body, await real.Content.ReadFromJsonAsync<SubmissionResponse>());
        Assert.Single(await StoredAsync(cohort));
    }
}
