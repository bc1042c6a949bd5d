using System.Net.Http.Json;
using System.Text.Json;
using MentoringFunctions.Admin;
using MentoringFunctions.Email;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// A working-group member in Chromium signs in with the link from the .eml file the app wrote, on a fake clock:
/// the app runs in Kestrel in this process (the local host's graph), so the test can move time.
/// </summary>
[Collection(AppCollection.Name)]
public class SignInBrowserTests(AppFixture app)
{
    public static string Screenshots => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task A_member_signs_in_by_magic_link_sees_their_cohort_and_the_session_ends_after_a_working_day()
    {
        var port = MentoringFunctions.Hosting.Azurite.FreePort();
        var mail = Path.Combine(Path.GetTempPath(), "mf-signin-mail-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(AppFixture.Start);
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in new Dictionary<string, string>
                     {
                         ["urls"] = baseUrl, ["AzureWebJobsStorage"] = app.Azurite.ConnectionString, ["Admin:Key"] = "browser-key",
                         ["Links:Secret"] = "browser-links", ["LocalHost:Enabled"] = "false", ["Telemetry:Console"] = "false",
                         ["Email:PickupDirectory"] = mail, ["Email:PublicBaseUrl"] = baseUrl,
                     })
                builder.UseSetting(key, value);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        factory.UseKestrel(port);
        factory.StartServer();

        var member = $"ada-{Guid.NewGuid():N}"[..12] + "@wg.example";
        var cohort = "signin-" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add(AdminAccess.Header, "browser-key");
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger Sign-in", applicationsOpen = "2027-01-01", applicationsClose = "2027-01-31",
            programmeStart = "2027-02-15", midpoint = "2027-08-15", programmeEnd = "2028-02-15", topics = new[] { "Finance" },
            workingGroupEmails = new[] { member },
        })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 700 } });
        Directory.CreateDirectory(Screenshots);

        async Task<string> LinkFromMailAsync()
        {
            await page.GotoAsync($"{baseUrl}/manage/login");
            await page.GetByLabel("Your e-mail address").FillAsync(member);
            await page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a sign-in link" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your e-mail" })).ToBeVisibleAsync();
            // Delivery as the SendEmail queue function does it, on this app's graph: a .eml file in the pickup folder.
            var email = (await app.OutboxAsync(SignInLinks.Partition)).Where(e => e.ToEmail == member).MaxBy(e => e.CreatedAt)!;
            var sent = await Functions.QueueAsync(factory.Services, "SendEmail",
                JsonSerializer.Serialize(new OutboxPointer(email.PartitionKey, email.RowKey)));
            Assert.True(sent.Succeeded, sent.Error?.ToString());
            // The pickup sender names the file after the outbox row.
            var file = new string(email.RowKey.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()) + ".eml";
            var text = Eml.Read(Path.Combine(mail, file)).Text;
            Assert.Contains("Heat Exchanger Sign-in", text);
            return text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(baseUrl + "/manage/login/link?t=", StringComparison.Ordinal));
        }

        var link = await LinkFromMailAsync();
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Working group" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Heat Exchanger Sign-in" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "signed-in.png"), FullPage = true });

        // A form on the page carries the session's token: the audit page of the cohort, then the dashboard's Sign out.
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "SignedIn" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "audit.png"), FullPage = true });

        await page.GotoAsync(link);   // the used link, again
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This sign-in link has been used" })).ToBeVisibleAsync();

        clock.Advance(TimeSpan.FromHours(10));   // a working day later
        await page.GotoAsync($"{baseUrl}/manage");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Working group sign-in" })).ToBeVisibleAsync();

        await page.GotoAsync(await LinkFromMailAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Working group sign-in" })).ToBeVisibleAsync();
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Working group sign-in" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "signed-out.png"), FullPage = true });
    }
}
