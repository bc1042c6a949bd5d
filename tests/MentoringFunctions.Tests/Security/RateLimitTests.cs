using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Security;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Tests.Security;

/// <summary>
/// The limits through the local host on the shared app. Each test's clients have their own
/// addresses (AppFixture.Client) and its own e-mail addresses, so no count leaks between tests;
/// windows follow the fake clock, so nothing waits on the wall clock.
/// </summary>
[Collection(AppCollection.Name)]
public class RateLimitTests(AppFixture app)
{
    private RateLimitOptions Limits => app.Factory.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}"[..20] + "@example.org";

    private static async Task AssertProblem429(HttpResponseMessage response, int maxSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var seconds = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(seconds, 1, maxSeconds);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(TooManyRequestsResult.ProblemType, problem.RootElement.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.Contains("Try again in", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_fourth_application_to_one_address_is_refused_from_any_client_and_sends_nothing()
    {
        var cohort = await app.CreateCohortAsync();
        var victim = Email("victim");
        Assert.Equal(3, Limits.ApplyAddress.Permits);
        for (var i = 0; i < 3; i++)   // each from a different client, and each a change, so each sends an e-mail
        {
            var accepted = await app.Client().PostAsJsonAsync("/api/applications",
                AppFixture.Mentee(cohort, victim, $"Name {i}"));
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        }
        var mailed = (await app.OutboxAsync(cohort)).Count(e => e.ToEmail == victim);

        var fourth = await app.Client().PostAsJsonAsync("/api/applications",
            AppFixture.Mentee(cohort, victim.ToUpperInvariant(), "Bomb"));

        await AssertProblem429(fourth, (int)Limits.ApplyAddress.Window.TotalSeconds);
        Assert.Equal(mailed, (await app.OutboxAsync(cohort)).Count(e => e.ToEmail == victim));
        var others = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, Email("other")));
        Assert.Equal(HttpStatusCode.Accepted, others.StatusCode);   // another address is not affected
    }

    [Fact]
    public async Task One_client_is_limited_per_minute_with_problem_details_for_json_and_a_page_for_the_form()
    {
        var cohort = await app.CreateCohortAsync();
        var client = app.Client();
        for (var i = 0; i < Limits.Apply.Permits; i++)   // unknown programme: refused, but every post counts
        {
            var unknown = await client.PostAsJsonAsync("/api/applications",
                AppFixture.Mentee("no-such-cohort", Email("x")));
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }

        var api = await client.PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, Email("api")));
        await AssertProblem429(api, (int)Limits.Apply.Window.TotalSeconds);

        var form = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
        {
            Content = new FormUrlEncodedContent([new("cohort", cohort), new("email", Email("form"))]),
        };
        form.Headers.Accept.ParseAdd("text/html");
        var page = await client.SendAsync(form);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(page.Headers.RetryAfter?.Delta);
        Assert.Contains("<h1>Too many requests</h1>", await page.Content.ReadAsStringAsync());

        var another = await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, Email("next")));
        Assert.Equal(HttpStatusCode.Accepted, another.StatusCode);
        Assert.DoesNotContain(await app.OutboxAsync(cohort),
            e => e.ToEmail.StartsWith("api-") || e.ToEmail.StartsWith("form-"));
    }

    [Fact]
    public async Task Sign_in_is_throttled_after_failures_even_with_the_right_key_until_the_window_passes()
    {
        var client = app.Client();
        Task<HttpResponseMessage> SignIn(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/manage/login")
            {
                Content = new FormUrlEncodedContent([new("key", key)]),
            };
            request.Headers.Accept.ParseAdd("text/html");
            return client.SendAsync(request);
        }
        for (var i = 0; i <= Limits.SignIn.Permits; i++)   // successes do not count
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn(AppFixture.AdminKey)).StatusCode);
        for (var i = 0; i < Limits.SignIn.Permits; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("guess-" + i)).StatusCode);

        var refused = await SignIn(AppFixture.AdminKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        var wait = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait, TimeSpan.FromSeconds(1), Limits.SignIn.Window);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client().PostAsync("/manage/login",
            new FormUrlEncodedContent([new("key", AppFixture.AdminKey)]))).StatusCode);   // another address can

        app.Clock.Advance(wait);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(AppFixture.AdminKey)).StatusCode);
    }

    [Fact]
    public async Task Signed_link_posts_are_limited_per_client_across_all_link_endpoints()
    {
        var client = app.Client();
        for (var i = 0; i < Limits.Links.Permits; i++)   // a tampered link: a 400 page, but each post counts
        {
            var tampered = await client.PostAsync("/p/checkin",
                new FormUrlEncodedContent([new("t", "x"), new("answer", "met")]));
            Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        }

        foreach (var path in new[] { "/p/checkin", "/p/hours", "/p/unsubscribe?t=x" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new FormUrlEncodedContent([new("t", "x")]),
            };
            request.Headers.Accept.ParseAdd("text/html");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
        }
        await AssertProblem429(await client.PostAsJsonAsync("/api/feedback", new { token = "x", overall = 5 }),
            (int)Limits.Links.Window.TotalSeconds);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await app.Client().PostAsync("/p/checkin", new FormUrlEncodedContent([new("t", "x")]))).StatusCode);
    }
}
