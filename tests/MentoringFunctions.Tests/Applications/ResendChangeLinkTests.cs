using System.Net;
using System.Net.Http.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Applications;

/// <summary>
/// The same change submitted again later the same day (the first e-mail lost or deleted) sends the link again,
/// without a second pending change, within the form's per-address limit.
/// </summary>
[Collection(AppCollection.Name)]
public class ResendChangeLinkTests(AppFixture app)
{
    private static Dictionary<string, object> Changed(string cohort, string email) =>
        new((Dictionary<string, object>)AppFixture.Mentee(cohort, email, "Rae Changed"))
        {
            ["organisation"] = "New Org",
        };

    private Task<HttpResponseMessage> PostAsync(object body) => app.Client().PostAsJsonAsync("/api/applications", body);

    [Fact]
    public async Task A_resubmitted_change_sends_the_link_again_once_a_minute_and_no_more_than_the_address_limit_allows()
    {
        // At the start of an hour, so the per-address window (3 an hour, aligned to the clock) holds the whole test.
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerHour));
        var cohort = await app.CreateCohortAsync(workingGroup: []);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(AppFixture.Mentee(cohort, "rae@example.org", "Rae"))).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Changed(cohort, "rae@example.org"))).StatusCode);
        var first = Assert.Single(await app.TokensAsync(cohort, "rae@example.org"));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Changed(cohort, "rae@example.org"))).StatusCode);
        var tokens = await app.TokensAsync(cohort, "rae@example.org");
        Assert.Equal(2, tokens.Count);
        Assert.Equal(first, tokens[0]);
        var changes = app.Factory.Services.GetRequiredService<PendingChangeRepository>();
        Assert.Single(await changes.ListAsync(cohort, "rae@example.org"));   // the same change, linked twice

        // The fourth submission for the address this hour is refused, and sends nothing.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(Changed(cohort, "rae@example.org"))).StatusCode);
        Assert.Equal(2, (await app.TokensAsync(cohort, "rae@example.org")).Count);

        // Either link confirms the one change; the other then finds it confirmed.
        Assert.Equal(HttpStatusCode.OK, (await app.ConfirmAsync(tokens[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ConfirmAsync(tokens[0])).StatusCode);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(59, 0)]
    [InlineData(60, 1)]
    [InlineData(150, 2)]
    [InlineData(-5, 0)]   // a clock that stepped back: the first e-mail again, which the outbox already has
    public void A_resend_is_numbered_by_whole_minutes_since_the_change(int seconds, int resend)
    {
        var at = new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(resend, ApplicationChanges.Resend(at, at.AddSeconds(seconds)));
    }
}
