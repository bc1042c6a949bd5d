using System.Net;
using System.Net.Http.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Applications;

/// <summary>
/// Applying again with an address that has applied changes nothing until the address's owner confirms from the
/// e-mailed link; whoever posts learns nothing from the answer.
/// </summary>
[Collection(AppCollection.Name)]
public class ApplyAgainTests(AppFixture app)
{
    private async Task<ApplicationEntity> StoredAsync(string cohort) =>
        Assert.Single(await ApplicationRows.Of(app.Azurite.Tables, cohort)
            .ToListAsync());

    private static Dictionary<string, object> Changed(string cohort, string email) =>
        new((Dictionary<string, object>)AppFixture.Mentee(cohort, email, "Mallory"))
        {
            ["role"] = "both", ["offers"] = "Procurement", ["capacity"] = "2", ["organisation"] = "Evil Ltd",
        };

    [Fact]
    public async Task Someone_else_applying_with_your_address_changes_nothing_and_gets_the_answer_a_new_address_gets()
    {
        var cohort = await app.CreateCohortAsync();
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "ann@example.org", "Ann"));
        var before = (await app.OutboxAsync(cohort)).Count;

        var attacker = await app.Client().PostAsJsonAsync("/api/applications", Changed(cohort, " ANN@example.org "));
        var stranger = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "new@example.org"));

        Assert.Equal((HttpStatusCode.Accepted, await stranger.Content.ReadAsStringAsync()),
            (attacker.StatusCode, await attacker.Content.ReadAsStringAsync()));
        Assert.Equal(stranger.Headers.Location, attacker.Headers.Location);
        var stored = Assert.Single(await ApplicationRows.Of(app.Azurite.Tables, cohort)
            .Where(e => e.Email == "ann@example.org").ToListAsync());
        Assert.Equal((1, "Ann", "Org A", Role.Mentee), (stored.Version, stored.Name, stored.Organisation, stored.Role));
        // The owner gets one e-mail, greeting the name on file; nothing else is sent for the attempt.
        var sent = (await app.OutboxAsync(cohort)).Where(e => e.ToEmail == "ann@example.org").ToList();
        var change = Assert.Single(sent, e => e.Kind == "application-change");
        Assert.Equal(before + 1 + 1, (await app.OutboxAsync(cohort)).Count);   // + the stranger's confirmation
        Assert.Single(sent, e => e.Kind == "application-received");
        Assert.StartsWith("Dear Ann,", change.Text);
        Assert.Contains("- Name: Ann -> Mallory", change.Text);
        Assert.Contains("- Organisation: Org A -> Evil Ltd", change.Text);
        Assert.Contains("- Topics offered: (none) -> Procurement", change.Text);
    }

    [Fact]
    public async Task The_link_shows_the_change_without_applying_it_and_the_button_applies_it_once()
    {
        var cohort = await app.CreateCohortAsync();
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "cy@example.org", "Cy"));
        // A double click: the same change twice at once makes one pending change and one e-mail.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            app.Client().PostAsJsonAsync("/api/applications", Changed(cohort, "cy@example.org"))));
        var token = Assert.Single(await app.TokensAsync(cohort, "cy@example.org"));
        var changes = app.Factory.Services.GetRequiredService<PendingChangeRepository>();
        Assert.Single(await changes.ListAsync(cohort, "cy@example.org"));

        var page = await app.Client().GetAsync($"/p/confirm-change?t={token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Role</strong>: mentee &rarr; both", html);
        Assert.Contains("<strong>Name</strong>: Cy &rarr; Mallory", html);
        Assert.Contains("name=\"t\" value=\"" + token + "\"", html);
        Assert.Equal(1, (await StoredAsync(cohort)).Version);   // a GET (a mail scanner) changes nothing

        var confirmed = await app.ConfirmAsync(token);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Change confirmed", await confirmed.Content.ReadAsStringAsync());
        var stored = await StoredAsync(cohort);
        Assert.Equal((2, "Mallory", Role.Both, 2, "active"), (stored.Version, stored.Name, stored.Role, stored.Capacity, stored.StoredStatus));

        var again = await app.ConfirmAsync(token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Already confirmed", await again.Content.ReadAsStringAsync());
        Assert.Equal(2, (await StoredAsync(cohort)).Version);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Client().GetAsync($"/p/confirm-change?t={token}")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_application_is_reopened_only_by_confirming_a_change_whose_email_said_so()
    {
        var cohort = await app.CreateCohortAsync();
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "wd@example.org", "Wyn"));
        var id = (await StoredAsync(cohort)).Id;
        Assert.True((await app.AdminClient().PostAsync($"/api/cohorts/{cohort}/applications/{id}/withdraw", null)).IsSuccessStatusCode);

        // The same answers again: only re-opening would change.
        var again = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "wd@example.org", "Wyn"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("withdrawn", (await StoredAsync(cohort)).StoredStatus);
        var email = Assert.Single(await app.OutboxAsync(cohort), e => e.Kind == "application-change");
        Assert.Contains("Your application was withdrawn. Confirming re-opens it.", email.Text);

        var token = Assert.Single(await app.TokensAsync(cohort, "wd@example.org"));
        Assert.Contains("Confirming re-opens it", await app.Client().GetStringAsync($"/p/confirm-change?t={token}"));
        Assert.Equal(HttpStatusCode.OK, (await app.ConfirmAsync(token)).StatusCode);
        Assert.Equal(("active", 3), ((await StoredAsync(cohort)).StoredStatus, (await StoredAsync(cohort)).Version));
    }

    [Fact]
    public async Task A_change_overtaken_by_a_newer_one_says_so_and_changes_nothing()
    {
        var cohort = await app.CreateCohortAsync();
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "ot@example.org", "Otto"));
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "ot@example.org", "Otto A"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "ot@example.org", "Otto B"));
        var tokens = await app.TokensAsync(cohort, "ot@example.org");
        Assert.Equal(2, tokens.Count);
        var (older, newer) = (await LinkFor("Otto A", tokens), await LinkFor("Otto B", tokens));

        Assert.Equal(HttpStatusCode.OK, (await app.ConfirmAsync(newer)).StatusCode);
        var late = await app.ConfirmAsync(older);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("This change is out of date", await late.Content.ReadAsStringAsync());
        Assert.Equal(("Otto B", 2), ((await StoredAsync(cohort)).Name, (await StoredAsync(cohort)).Version));
    }

    private async Task<string> LinkFor(string name, List<string> tokens)
    {
        foreach (var token in tokens)
            if ((await app.Client().GetStringAsync($"/p/confirm-change?t={token}")).Contains($"&rarr; {name}<"))
                return token;
        throw new InvalidOperationException($"No link proposes the name {name}.");
    }

    [Fact]
    public async Task Expired_tampered_and_other_purpose_links_get_a_clear_page_and_change_nothing()
    {
        var cohort = await app.CreateCohortAsync();
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "ex@example.org", "Exa"));
        await app.Client().PostAsJsonAsync("/api/applications", Changed(cohort, "ex@example.org"));
        var token = Assert.Single(await app.TokensAsync(cohort, "ex@example.org"));
        var claim = app.Factory.Services.GetRequiredService<LinkTokens>().Read(token, ApplicationChanges.Purpose).Claim!;
        var tokens = app.Factory.Services.GetRequiredService<LinkTokens>();

        var expired = tokens.Issue(cohort, claim.Person, claim.Match, ApplicationChanges.Purpose, TimeSpan.FromSeconds(-1));
        var longer = tokens.Issue(cohort, claim.Person, claim.Match, ApplicationChanges.Purpose + "-x", TimeSpan.FromDays(1));
        var other = tokens.Issue(cohort, claim.Person, claim.Match, "checkin", TimeSpan.FromDays(1));
        var unknown = tokens.Issue(cohort, claim.Person, "c-nothing", ApplicationChanges.Purpose, TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.Gone, (await app.ConfirmAsync(expired)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await app.Client().GetAsync($"/p/confirm-change?t={expired}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ConfirmAsync(longer)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ConfirmAsync(other)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ConfirmAsync(token[..^2])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ConfirmAsync(unknown)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client().PostAsync("/p/confirm-change", null)).StatusCode);
        Assert.Equal(1, (await StoredAsync(cohort)).Version);
    }
}
