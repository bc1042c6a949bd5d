using System.Net.Http.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// A person in Debian's Chromium (driven by Playwright) applies through the published app running
/// standalone: the local host delivers the confirmation into the pickup folder.
/// </summary>
[Collection(PublishedCollection.Name)]
public class ApplicationFormBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task Applicant_fixes_an_error_and_gets_stored_and_confirmed()
    {
        var port = Azurite.FreePort();
        var mail = Path.Combine(Path.GetTempPath(), "mf-browser-mail-" + Guid.NewGuid().ToString("N"));
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "browser-key",
            ["Email__PickupDirectory"] = mail,
            ["LocalHost__QueuePollInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "browser-key");
        var cohort = "browser-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Community Retrofit Mentoring", applicationsOpen = today.AddDays(-10), applicationsClose = today.AddDays(10),
            programmeStart = today.AddDays(20), midpoint = today.AddDays(100), programmeEnd = today.AddDays(200),
            topics = new[] { "Retrofit assessment", "Funding", "Working with installers" },
        })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await page.GotoAsync($"{app.BaseUrl}/apply/{cohort}");

        await page.GetByLabel("Be mentored", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Full name", Exact).FillAsync("Rosa Retrofit");
        await page.GetByLabel("E-mail address", Exact).FillAsync("rosa@retrofit");          // the mistake
        await page.GetByLabel("Organisation", Exact).FillAsync("Bright Homes Co-op");
        await page.GetByLabel("Years working in the sector", Exact).FillAsync("2");
        await page.GetByLabel("Region you are based in", Exact).SelectOptionAsync("South West");
        await page.GetByLabel("Online only", Exact).CheckAsync();
        await page.Locator("input[name=seeks][value='Funding']").CheckAsync();
        await page.GetByLabel("I agree").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        // The error comes back on the form's own address, with the summary focused for keyboard and screen reader users.
        Assert.Equal($"{app.BaseUrl}/apply/{cohort}", page.Url);
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        // The consent box is as large as the other boxes, however long its label.
        var consent = await page.GetByLabel("I agree").BoundingBoxAsync();
        var topic = await page.Locator("input[name=seeks][value='Funding']").BoundingBoxAsync();
        Assert.Equal((topic!.Width, topic.Height), (consent!.Width, consent.Height));
        await Assertions.Expect(page.Locator("#email-error")).ToContainTextAsync("is not an e-mail address");
        await Assertions.Expect(page.GetByLabel("Full name", Exact)).ToHaveValueAsync("Rosa Retrofit");     // kept
        await Assertions.Expect(page.Locator("input[name=seeks][value='Funding']")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Region you are based in", Exact)).ToHaveValueAsync("South West");
        Directory.CreateDirectory(Path.Combine(Paths.RepoRoot, "TestResults"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.RepoRoot, "TestResults", "form-error.png"), FullPage = true });

        await page.GetByLabel("E-mail address", Exact).FillAsync("rosa@retrofit.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Application received");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.RepoRoot, "TestResults", "form-thanks.png"), FullPage = true });

        var stored = Assert.Single(await ApplicationRows.Of(azurite.Tables, cohort).ToListAsync());
        Assert.Equal(("Rosa Retrofit", "rosa@retrofit.example", Role.Mentee, "Funding", "South West"),
            (stored.Name, stored.Email, stored.Role, stored.Seeks, stored.Region));
        var outbox = azurite.Tables.GetTableClient(StorageNames.Outbox);
        var confirmation = Assert.Single(await outbox.QueryAsync<OutboxEntity>(OutboxEntity.CohortFilter(cohort)).ToListAsync());
        Assert.Equal(("application-received", "rosa@retrofit.example"), (confirmation.Kind, confirmation.ToEmail));

        // The local host polls the e-mail queue and the local sender writes an .eml a person can open.
        for (var i = 0; i < 300 && !(Directory.Exists(mail) && Directory.EnumerateFiles(mail, "*.eml").Any()); i++) await Task.Delay(100);
        var eml = File.ReadAllText(Assert.Single(Directory.GetFiles(mail, "*.eml")));
        Assert.Contains("To: =?utf-8?B?", eml);
        Assert.Contains("<rosa@retrofit.example>", eml);
        Assert.Equal(OutboxStatus.Sent, (await outbox.GetEntityAsync<OutboxEntity>(confirmation.PartitionKey, confirmation.RowKey)).Value.Status);
    }
}
