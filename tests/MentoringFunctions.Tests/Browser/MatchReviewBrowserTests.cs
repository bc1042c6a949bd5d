using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using MentoringFunctions.Imports;
using MentoringFunctions.Matching;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// The working group in Chromium: start a run (computed by the local host polling the real
/// match-requests queue), filter, lock a pair, re-run, publish; introductions land in the outbox once.
/// </summary>
[Collection(PublishedCollection.Name)]
public class MatchReviewBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    private static readonly LocatorAssertionsToHaveTextOptions Patient = new() { Timeout = 60_000 };

    [Fact]
    public async Task Working_group_filters_locks_reruns_and_publishes()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "review-key",
            ["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "mf-review-mail-" + Guid.NewGuid().ToString("N")),
            ["LocalHost__QueuePollInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "review-key");
        var cohort = "review-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger Review", applicationsOpen = today.AddDays(-30), applicationsClose = today.AddDays(-1),
            programmeStart = today.AddDays(10), midpoint = today.AddDays(100), programmeEnd = today.AddDays(200),
            topics = new[] { "Finance", "Procurement", "Policy" },
        })).EnsureSuccessStatusCode();
        var import = await http.PostAsync($"/api/cohorts/{cohort}/applications/import", new StringContent(MatchRunTestData.Csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        // The published app's own queue poller runs the import; the run below must find every applicant.
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
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{app.BaseUrl}/manage/login");
        await page.GetByLabel("Admin key").FillAsync("review-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a match run" }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Completed", Patient);
        var firstRun = page.Url.Split('/').Last();

        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Proposed pairs" }).Locator("tbody tr");
        var total = await rows.CountAsync();
        Assert.True(total >= 4, $"{total} pairs");
        await page.GetByLabel("Region").SelectOptionAsync("Wales");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        var walesRows = await rows.AllInnerTextsAsync();
        Assert.InRange(walesRows.Count, 1, total - 1);
        Assert.All(walesRows, r => Assert.Contains("Wales", r));
        await page.GotoAsync($"{app.BaseUrl}/manage/match-runs/{firstRun}?sort=mentee");

        // Lock the pair of the first row, then re-run: the new run keeps it, locked.
        var pairKey = await rows.First.GetAttributeAsync("data-pair");
        await rows.First.Locator("input[name=lock]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-run with these locks and exclusions" }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Completed", Patient);
        Assert.NotEqual(firstRun, page.Url.Split('/').Last());
        await Assertions.Expect(page.Locator($"tr[data-pair='{pairKey}'] input[name=lock]")).ToBeCheckedAsync();

        // A pair ticked both Lock and Exclude is refused on the page, the ticks kept.
        var second = page.Url;
        await rows.First.Locator("input[name=lock]").CheckAsync();
        await rows.First.Locator("input[name=exclude]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-run with these locks and exclusions" }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync("ticked both Lock and Exclude");
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(rows.First.Locator("input[name=exclude]")).ToBeCheckedAsync();
        await Assertions.Expect(rows.First.Locator("input[name=lock]")).ToBeCheckedAsync();
        Directory.CreateDirectory(Path.Combine(Paths.RepoRoot, "TestResults"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.RepoRoot, "TestResults", "match-lock-and-exclude.png"), FullPage = true });
        await page.GotoAsync(second);

        // Publishing asks first, saying who gets which e-mail.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish and send introductions…" }).ClickAsync();
        await Assertions.Expect(page.Locator("#publish-summary")).ToContainTextAsync("introductions to");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.RepoRoot, "TestResults", "match-publish-confirm.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Publish and send \\d+ e-mails$") }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Published");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published:");
        await Assertions.Expect(page.Locator("input[name=lock]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.RepoRoot, "TestResults", "match-review.png"), FullPage = true });

        var outbox = await azurite.Tables.GetTableClient(StorageNames.Outbox).QueryAsync<OutboxEntity>(OutboxEntity.CohortFilter(cohort)).ToListAsync();
        var intros = outbox.Where(e => e.Kind == "introduction").ToList();
        Assert.NotEmpty(intros);
        Assert.Equal(intros.Count, intros.Select(e => e.ToEmail).Distinct().Count());     // exactly once each
        var matches = await azurite.Tables.GetTableClient(StorageNames.Matches).QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync();
        Assert.Contains(matches, m => MatchEntity.KeyFor(m.MentorId, m.MenteeId) == pairKey && m.Status == MatchStatus.Introduced);

        // Withdrawing asks first too, says what happens to the people, and offers to tell them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw…" }).ClickAsync();
        await Assertions.Expect(page.Locator("#withdraw-summary")).ToContainTextAsync("matches end");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.RepoRoot, "TestResults", "match-withdraw-confirm.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the run" }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Withdrawn");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("people told by e-mail");
        var told = (await azurite.Tables.GetTableClient(StorageNames.Outbox).QueryAsync<OutboxEntity>(OutboxEntity.CohortFilter(cohort))
            .ToListAsync()).Where(e => e.Kind == "match-withdrawn").ToList();
        Assert.Equal(intros.Count, told.Count);
    }
}
