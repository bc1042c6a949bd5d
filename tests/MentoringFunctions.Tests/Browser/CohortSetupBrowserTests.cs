using System.Net.Http.Json;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// A working group in Chromium sets up a cohort on the pages (fixing an error on the way), then starts next year's
/// cohort from it, against the published app.
/// </summary>
[Collection(PublishedCollection.Name)]
public class CohortSetupBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    private static string Shot(string name) => Path.Combine(Paths.RepoRoot, "TestResults", name);

    [Fact]
    public async Task Working_group_sets_up_a_cohort_on_the_pages_and_copies_it_for_next_year()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "setup-key",
            ["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "mf-setup-mail-" + Guid.NewGuid().ToString("N")),
        });
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var id = $"heat-exchanger-{suffix}-2027";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{app.BaseUrl}/manage/login");
        await page.GetByLabel("Admin key").FillAsync("setup-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up a new cohort" }).ClickAsync();

        await page.GetByLabel("Short name for addresses (optional)", Exact).FillAsync(id);
        await page.GetByLabel("Cohort name", Exact).FillAsync($"Heat Exchanger {suffix} 2027");
        Assert.Equal("Europe/London", await page.GetByLabel("Time zone", Exact).InputValueAsync());
        await page.GetByLabel("Applications open", Exact).FillAsync("2026-11-01");
        await page.GetByLabel("Applications close", Exact).FillAsync("2026-12-31");
        await page.GetByLabel("Programme starts", Exact).FillAsync("2026-12-01");   // the mistake: before applications close
        await page.GetByLabel("Midpoint (mid-point feedback)", Exact).FillAsync("2027-06-15");
        await page.GetByLabel("Programme ends (final feedback)", Exact).FillAsync("2027-12-15");
        await page.GetByLabel("Topics", Exact).FillAsync("Finance\nProcurement\nPolicy\nHeat network design");
        await page.GetByLabel("Working-group e-mail addresses", Exact).FillAsync("wg@heat.example");
        await page.GetByLabel("Join link", Exact).FillAsync("https://meet.example.org/heat-lunch");
        await page.GetByLabel("Require at least one shared topic", Exact).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the cohort" }).ClickAsync();

        Assert.EndsWith("/manage/new-cohort", page.Url);   // the form's address, not another page's
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("document.activeElement.id"));
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync("The programme must start on or after applications close.");
        await Assertions.Expect(page.Locator("#f-programmeStart-error")).ToBeVisibleAsync();
        Assert.Equal("Finance\nProcurement\nPolicy\nHeat network design", await page.GetByLabel("Topics", Exact).InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Shot("cohort-form-error.png"), FullPage = false });

        await page.GetByRole(AriaRole.Link, new() { Name = "The programme must start on or after applications close." }).ClickAsync();
        await page.GetByLabel("Programme starts", Exact).FillAsync("2027-01-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the cohort" }).ClickAsync();
        Assert.EndsWith($"/manage/cohorts/{id}", page.Url);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Heat Exchanger {suffix} 2027");
        await page.ScreenshotAsync(new() { Path = Shot("cohort-created.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "Start next year's cohort from this one" }).ClickAsync();
        Assert.Equal($"Heat Exchanger {suffix} 2028", await page.GetByLabel("Cohort name", Exact).InputValueAsync());
        Assert.Equal("2027-11-01", await page.GetByLabel("Applications open", Exact).InputValueAsync());
        Assert.Equal("", await page.GetByLabel("Working-group e-mail addresses", Exact).InputValueAsync());
        Assert.True(await page.GetByLabel("Require at least one shared topic", Exact).IsCheckedAsync());
        Assert.Equal("https://meet.example.org/heat-lunch", await page.GetByLabel("Join link", Exact).InputValueAsync());
        await page.GetByLabel("Working-group e-mail addresses", Exact).FillAsync("new-group@heat.example");
        await page.ScreenshotAsync(new() { Path = Shot("cohort-next-year.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the cohort" }).ClickAsync();
        var nextId = $"heat-exchanger-{suffix}-2028";
        Assert.EndsWith($"/manage/cohorts/{nextId}", page.Url);

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "setup-key");
        var next = (await http.GetFromJsonAsync<Cohort>($"/api/cohorts/{nextId}", ImportRuns.Json))!;
        Assert.Equal((new DateOnly(2028, 1, 15), "new-group@heat.example"), (next.ProgrammeStart, next.WorkingGroupEmails.Single()));
        Assert.Equal(["Finance", "Procurement", "Policy", "Heat network design"], next.Topics);
        Assert.True(next.Matching.Rules.RequireSharedTopic);
    }
}
