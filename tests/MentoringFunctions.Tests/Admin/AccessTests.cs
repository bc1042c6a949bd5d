using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MentoringFunctions.Admin;
using MentoringFunctions.Email;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Admin;

/// <summary>
/// Working-group members sign in as themselves by e-mailed link, see only their cohorts, act only within their
/// role, and send their session's anti-forgery token with every change.
/// </summary>
[Collection(AppCollection.Name)]
public partial class AccessTests(AppFixture app)
{
    [GeneratedRegex(@"https://mentoring\.example/manage/login/link\?t=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex Link();

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..20] + "@wg.example";

    /// <summary>Asks for a link as a visitor would; returns the token of the newest sign-in e-mail to the address.</summary>
    private async Task<string?> RequestLinkAsync(string email)
    {
        var page = await app.Client().PostAsync("/manage/login", new FormUrlEncodedContent([new("email", email)]));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Check your e-mail", await page.Content.ReadAsStringAsync());
        var mail = (await app.OutboxAsync(SignInLinks.Partition)).Where(e => e.ToEmail == email).MaxBy(e => e.CreatedAt);
        return mail is null ? null : Link().Match(mail.Text).Groups[1].Value;
    }

    private async Task<HttpResponseMessage> UseLinkAsync(HttpClient client, string token) =>
        await client.PostAsync("/manage/login/link", new FormUrlEncodedContent([new("t", token)]));

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_member_signs_in_by_link_once_sees_only_their_cohorts_and_signing_out_ends_the_session()
    {
        var member = Unique("ada");
        var mine = await app.CreateCohortAsync(name: "Mine 2027", workingGroup: [member]);
        var other = await app.CreateCohortAsync(name: "Other 2027", workingGroup: ["someone@else.example"]);

        Assert.Null(await RequestLinkAsync(Unique("stranger")));   // the same page, and no e-mail
        var token = await RequestLinkAsync(member);
        Assert.NotNull(token);
        var client = app.Client();
        var button = await GetAsync(client, "/manage/login/link?t=" + token);
        Assert.Equal(HttpStatusCode.OK, button.StatusCode);
        Assert.Contains(member, await button.Content.ReadAsStringAsync());   // opening the link does not use it

        var signedIn = await UseLinkAsync(client, token!);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var setCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie.ToLowerInvariant());
        Assert.Contains("secure", setCookie.ToLowerInvariant());
        Assert.Contains("samesite=strict", setCookie.ToLowerInvariant());
        var cookie = setCookie.Split(';')[0];

        var dashboard = await (await GetAsync(client, "/manage", cookie)).Content.ReadAsStringAsync();
        Assert.Contains("Mine 2027", dashboard);
        Assert.DoesNotContain("Other 2027", dashboard);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, $"/manage/cohorts/{mine}", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, $"/manage/cohorts/{other}", cookie)).StatusCode);

        var reused = await UseLinkAsync(app.Client(), token!);
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Contains("has been used", await reused.Content.ReadAsStringAsync());

        // Sign-out needs the session's token too; with it, the session ends on the server, so the old cookie is dead.
        var csrf = Regex.Match(dashboard, $"name=\"{Csrf.Field}\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(csrf);
        var signOut = new HttpRequestMessage(HttpMethod.Post, "/manage/logout") { Content = new FormUrlEncodedContent([new(Csrf.Field, csrf)]) };
        signOut.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, $"/manage/cohorts/{mine}", cookie)).StatusCode);
    }

    [Fact]
    public async Task Nothing_opens_without_a_session_and_the_key_opens_the_api_but_not_the_pages()
    {
        var cohort = await app.CreateCohortAsync();
        var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(anonymous, $"/manage/cohorts/{cohort}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(anonymous, $"/api/cohorts/{cohort}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(anonymous, "/manage", "mf_session=forged-value")).StatusCode);

        var key = app.Client();
        key.DefaultRequestHeaders.Add(AdminAccess.Header, AppFixture.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(key, $"/api/cohorts/{cohort}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(key, $"/manage/cohorts/{cohort}")).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_signs_nobody_in()
    {
        var member = Unique("late");
        await app.CreateCohortAsync(workingGroup: [member]);
        var token = await RequestLinkAsync(member);
        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var late = await UseLinkAsync(app.Client(), token!);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("has expired", await late.Content.ReadAsStringAsync());
        Assert.False(late.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_session_lasts_a_working_day()
    {
        var member = Unique("day");
        var cohort = await app.CreateCohortAsync(workingGroup: [member]);
        var session = await app.SignInAsync(member);
        app.Clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(app.Client(), $"/manage/cohorts/{cohort}", session.Cookie)).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(app.Client(), $"/manage/cohorts/{cohort}", session.Cookie)).StatusCode);
    }

    [Fact]
    public async Task Last_years_working_group_loses_access_to_the_new_cohort()
    {
        var (old, next) = (Unique("old"), Unique("new"));
        var lastYear = await app.CreateCohortAsync(name: "Heat Exchanger 2026", workingGroup: [old]);
        var thisYear = await app.CreateCohortAsync(name: "Heat Exchanger 2027", workingGroup: [next]);
        var client = app.MemberClient(old);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/manage/cohorts/{lastYear}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/manage/cohorts/{thisYear}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.MemberClient(next).GetAsync($"/manage/cohorts/{thisYear}")).StatusCode);
    }

    [Fact]
    public async Task A_reviewer_reads_but_cannot_start_a_run_or_import()
    {
        var reviewer = Unique("rev");
        var cohort = await app.CreateCohortAsync();
        var edited = await app.AdminClient().GetFromJsonAsync<Dictionary<string, object>>($"/api/cohorts/{cohort}");
        edited!["reviewerEmails"] = new[] { reviewer };
        (await app.AdminClient().PutAsJsonAsync($"/api/cohorts/{cohort}", edited)).EnsureSuccessStatusCode();

        var client = app.MemberClient(reviewer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/manage/cohorts/{cohort}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/manage/cohorts/{cohort}/audit")).StatusCode);
        var start = await client.PostAsync($"/manage/cohorts/{cohort}/match-runs", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Contains("needs an organiser", await start.Content.ReadAsStringAsync());
        var import = await client.PostAsync($"/manage/cohorts/{cohort}/import", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Empty((await app.AdminClient().GetFromJsonAsync<List<object>>($"/api/cohorts/{cohort}/match-runs"))!);
    }

    [Fact]
    public async Task A_change_without_the_sessions_token_is_refused_and_changes_nothing()
    {
        var member = Unique("csrf");
        var cohort = await app.CreateCohortAsync(workingGroup: [member]);
        var session = await app.SignInAsync(member);
        async Task<HttpResponseMessage> Start(string? token)
        {
            var fields = token is null ? new List<KeyValuePair<string, string>>() : [new(Csrf.Field, token)];
            var request = new HttpRequestMessage(HttpMethod.Post, $"/manage/cohorts/{cohort}/match-runs") { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("Cookie", session.Cookie);
            return await app.Client().SendAsync(request);
        }
        async Task<int> Runs() => (await app.AdminClient().GetFromJsonAsync<List<object>>($"/api/cohorts/{cohort}/match-runs"))!.Count;

        var forged = await Start(null);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("out of date", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await Start(new string('0', 64))).StatusCode);
        Assert.Equal(0, await Runs());

        Assert.Equal(HttpStatusCode.Redirect, (await Start(session.CsrfToken)).StatusCode);
        Assert.Equal(1, await Runs());
    }

    [Fact]
    public async Task Every_page_form_that_posts_carries_the_token()
    {
        var cohort = await app.CreateCohortAsync();
        var html = await app.AdminClient().GetStringAsync($"/manage/cohorts/{cohort}");
        var posts = Regex.Matches(html, "<form[^>]*method=\"post\"[^>]*>(.{0,200})", RegexOptions.Singleline);
        Assert.True(posts.Count >= 2, $"{posts.Count} post forms");
        Assert.All(posts, m => Assert.StartsWith($"<input type=\"hidden\" name=\"{Csrf.Field}\"", m.Groups[1].Value));
        Assert.DoesNotContain(Csrf.Field, await app.Client().GetStringAsync($"/apply/{cohort}"));
    }

    [Fact]
    public async Task Link_requests_are_limited_per_address()
    {
        var member = Unique("many");
        await app.CreateCohortAsync(workingGroup: [member]);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await app.Client().PostAsync("/manage/login",
                new FormUrlEncodedContent([new("email", member)]))).StatusCode);
        var refused = await app.Client().PostAsync("/manage/login", new FormUrlEncodedContent([new("email", member)]));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(3, (await app.OutboxAsync(SignInLinks.Partition)).Count(e => e.ToEmail == member));
    }

    [Fact]
    public async Task The_outbox_page_never_shows_sign_in_links()
    {
        var member = Unique("outbox");
        await app.CreateCohortAsync(workingGroup: [member]);
        Assert.NotNull(await RequestLinkAsync(member));
        var page = await app.AdminClient().GetStringAsync("/manage/outbox");
        Assert.DoesNotContain(member, page);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.MemberClient(member).GetAsync("/manage/outbox")).StatusCode);
        Assert.Contains(EmailKinds.Of(EmailKind.SignInLink).Template, (await app.OutboxAsync(SignInLinks.Partition)).Select(e => e.Kind));
    }
}
