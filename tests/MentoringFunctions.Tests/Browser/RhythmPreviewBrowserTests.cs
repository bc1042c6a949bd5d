using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Hosting;
using MentoringFunctions.Imports;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>The working group in Chromium opens the rhythm preview from the cohort page and picks a date.</summary>
[Collection(PublishedCollection.Name)]
public class RhythmPreviewBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    [Fact]
    public async Task Working_group_sees_what_a_date_would_send_by_kind_and_name()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "preview-key",
            ["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "mf-preview-mail-" + Guid.NewGuid().ToString("N")),
            ["LocalHost__QueuePollInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "preview-key");
        var cohort = "preview-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger Preview", applicationsOpen = today.AddDays(-30), applicationsClose = today.AddDays(-1),
            programmeStart = today.AddDays(10), midpoint = today.AddDays(100), programmeEnd = today.AddDays(200),
            topics = new[] { "Finance", "Procurement", "Policy" }, workingGroupEmails = new[] { "wg@heat.example" },
        })).EnsureSuccessStatusCode();
        var import = await http.PostAsync($"/api/cohorts/{cohort}/applications/import", new StringContent(MatchRunTestData.Csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        for (var waited = 0; (await ImportRuns.GetAsync(http, import.Headers.Location!.ToString())).Status != ImportStatus.Done; waited++)
        {
            Assert.True(waited < 300, "the import did not finish within a minute");
            await Task.Delay(200);
        }
        var run = (await (await http.PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { })).Content.ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json))!;
        for (var waited = 0; (await http.GetFromJsonAsync<MatchRunView>($"/api/match-runs/{run.Id}", MatchRunResult.Json))!.Status != RunStatus.Completed; waited++)
        {
            Assert.True(waited < 300, "the run did not finish within a minute");
            await Task.Delay(200);
        }
        (await http.PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{app.BaseUrl}/manage/login");
        await page.GetByLabel("Admin key").FillAsync("preview-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Link, new() { Name = "What the rhythm sends on a date" }).ClickAsync();
        // A month after the programme starts (introductions before the start count from it): the check-ins, one a
        // person (Mina's covers both her mentees).
        var checkInDay = today.AddDays(10).AddMonths(1).ToString("yyyy-MM-dd");
        await page.GetByLabel("Date (YYYY-MM-DD)").FillAsync(checkInDay);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"What the rhythm sends on {checkInDay}");
        var checkIns = page.GetByRole(AriaRole.Table, new() { Name = "check-in" });
        await Assertions.Expect(checkIns).ToContainTextAsync("Mina Mentor");
        await Assertions.Expect(checkIns).ToContainTextAsync("a quick check-in on your 2 pairs");
        Directory.CreateDirectory(Path.Combine(Paths.RepoRoot, "TestResults"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.RepoRoot, "TestResults", "rhythm-preview.png"), FullPage = true });

        await page.GetByLabel("Date (YYYY-MM-DD)").FillAsync("next week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter a date as YYYY-MM-DD");
    }
}
