using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// Issue 11 item 8 in Chromium: a person opens "change your application" from the confirmation .eml and finds the form
/// filled in; the working group opens the application, fixes it after an error, withdraws it, and filters the list.
/// </summary>
[Collection(PublishedCollection.Name)]
public class ApplicationPageBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    private static string Shot(string name) => Path.Combine(Paths.RepoRoot, "TestResults", name);

    [Fact]
    public async Task Change_link_prefills_and_the_working_group_edits_and_withdraws_an_application()
    {
        var port = Azurite.FreePort();
        var mail = Path.Combine(Path.GetTempPath(), "mf-apppage-mail-" + Guid.NewGuid().ToString("N"));
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}", ["AzureWebJobsStorage"] = azurite.ConnectionString, ["Admin__Key"] = "page-key",
            ["Email__PickupDirectory"] = mail, ["LocalHost__QueuePollInterval"] = "00:00:00.200",
            ["Email__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "page-key");
        var cohort = "page-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger Pages", applicationsOpen = today.AddDays(-10), applicationsClose = today.AddDays(10),
            programmeStart = today.AddDays(20), midpoint = today.AddDays(100), programmeEnd = today.AddDays(200),
            topics = new[] { "Finance", "Policy" }, regions = new[] { "Wales", "London" },
        })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/applications", new Dictionary<string, object>
        {
            ["cohort"] = cohort, ["role"] = "mentee", ["name"] = "Lucía García", ["email"] = "lucia@ex.org", ["organisation"] = "Calor",
            ["years_in_sector"] = 2, ["region"] = "Wales", ["meeting"] = "online", ["seeks"] = new[] { "Policy" },
            ["avoid"] = new[] { "rival@ex.org" }, ["notes"] = "Tariffs, mostly", ["consent"] = true,
        })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        Directory.CreateDirectory(Path.Combine(Paths.RepoRoot, "TestResults"));

        // The confirmation as written to the pickup folder: its link opens the form filled in.
        for (var i = 0; i < 300 && !(Directory.Exists(mail) && Directory.EnumerateFiles(mail, "*.eml").Any()); i++) await Task.Delay(100);
        var link = Regex.Match(Eml.Read(Assert.Single(Directory.GetFiles(mail, "*.eml"))).Text,
            @"http://127\.0\.0\.1:\d+/apply/[^\s?]+\?t=\S+").Value;
        Assert.NotEmpty(link);
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByLabel("Full name", Exact)).ToHaveValueAsync("Lucía García");
        await Assertions.Expect(page.Locator("input[name=seeks][value='Policy']")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Region you are based in", Exact)).ToHaveValueAsync("Wales");
        await page.ScreenshotAsync(new() { Path = Shot("change-link-prefilled.png"), FullPage = true });

        await page.GotoAsync($"{app.BaseUrl}/manage/login");
        await page.GetByLabel("Admin key").FillAsync("page-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lucía García" }).ClickAsync();
        var url = page.Url;
        await Assertions.Expect(page.GetByText("Tariffs, mostly").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dd li")).ToHaveTextAsync("rival@ex.org");

        // An error answers on the same address, the summary focused; then the fix saves.
        await page.GetByLabel("Name", Exact).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        Assert.Equal(url, page.Url);
        await page.ScreenshotAsync(new() { Path = Shot("application-edit-error.png"), FullPage = true });
        await page.GetByLabel("Name", Exact).FillAsync("Lucía García Pérez");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved: version 2.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Lucía García Pérez");

        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw this application…" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Shot("application-withdraw-confirm.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the application" }).ClickAsync();
        await Assertions.Expect(page.Locator("#application-status")).ToHaveTextAsync("Withdrawn");

        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("Withdrawn");
        await page.ScreenshotAsync(new() { Path = Shot("cohort-applications-withdrawn.png"), FullPage = true });
        await page.GetByLabel("Status").SelectOptionAsync("active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lucía García Pérez" })).ToHaveCountAsync(0);
    }
}
