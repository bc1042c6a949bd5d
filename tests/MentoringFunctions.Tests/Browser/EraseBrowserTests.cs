using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Applications;
using MentoringFunctions.Hosting;
using MentoringFunctions.Imports;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>In Chromium: from the cohort's list to the erase confirmation (what goes, what stays), then erased.</summary>
[Collection(PublishedCollection.Name)]
public class EraseBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    [Fact]
    public async Task The_confirmation_page_says_what_is_erased_and_what_stays_and_the_button_erases()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "erase-key",
            ["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "mf-erase-mail-" + Guid.NewGuid().ToString("N")),
            ["LocalHost__QueuePollInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "erase-key");
        var cohort = "erase-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger Erase", applicationsOpen = today.AddDays(-30), applicationsClose = today.AddDays(-1),
            programmeStart = today.AddDays(10), midpoint = today.AddDays(100), programmeEnd = today.AddDays(200),
            topics = new[] { "Finance", "Procurement", "Policy" }, workingGroupEmails = new[] { "wg@erase.example" },
        })).EnsureSuccessStatusCode();
        var import = await http.PostAsync($"/api/cohorts/{cohort}/applications/import",
            new StringContent(MatchRunTestData.Csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        var statusUrl = import.Headers.Location!.ToString();
        for (var waited = 0; (await ImportRuns.GetAsync(http, statusUrl)).Status != ImportStatus.Done; waited++)
        {
            Assert.True(waited < 300, "the import did not finish within a minute");
            await Task.Delay(200);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
        });
        await page.GotoAsync($"{app.BaseUrl}/manage/login");
        await page.GetByLabel("Admin key").FillAsync("erase-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Eve Mentee" }).GetByRole(AriaRole.Link, new() { Name = "Erase…" })
            .ClickAsync();

        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToHaveTextAsync("Erase Eve Mentee's personal data?");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What is erased" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What stays" })).ToBeVisibleAsync();
        Directory.CreateDirectory(Path.Combine(Paths.RepoRoot, "TestResults"));
        var shots = Path.Combine(Paths.RepoRoot, "TestResults");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "erase-confirm.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Erase Eve Mentee" }).ClickAsync();
        await Assertions.Expect(heading).ToHaveTextAsync("Personal data erased");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "erase-done.png"), FullPage = true });
        var rows = await ApplicationRows.Of(azurite.Tables, cohort).ToListAsync();
        Assert.Equal(7, rows.Count);
        Assert.DoesNotContain(rows, r => r.Email == "eve@ex.org");
        Assert.Equal(ApplicationStatus.Erased, Assert.Single(rows, r => r.Id == "e1").Status);
    }
}
