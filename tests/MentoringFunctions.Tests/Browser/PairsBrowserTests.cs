using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Hosting;
using MentoringFunctions.Imports;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// The working group in Chromium, some weeks into the year: opens a pair from the cohort page, ends it with a reason,
/// and reads the stage's feedback, ticking off the answer that asked for help. Both people's e-mails land as .eml files.
/// </summary>
[Collection(PublishedCollection.Name)]
public class PairsBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    [Fact]
    public async Task Working_group_opens_a_pair_ends_it_and_reads_the_feedback()
    {
        var port = Azurite.FreePort();
        var mail = Path.Combine(Path.GetTempPath(), "mf-pairs-mail-" + Guid.NewGuid().ToString("N"));
        await using var app = await published.StartAsync(port, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__Key"] = "pairs-key",
            ["Email__PickupDirectory"] = mail,
            ["LocalHost__QueuePollInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "pairs-key");
        var cohort = "pairs-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = cohort, name = "Heat Exchanger Pairs", applicationsOpen = today.AddDays(-90), applicationsClose = today.AddDays(-60),
            programmeStart = today.AddDays(-50), midpoint = today.AddDays(-5), programmeEnd = today.AddDays(200),
            topics = new[] { "Finance", "Procurement", "Policy" }, workingGroupEmails = new[] { "wg@heat.example" },
        })).EnsureSuccessStatusCode();
        var import = await http.PostAsync($"/api/cohorts/{cohort}/applications/import",
            new StringContent(MatchRunTestData.Csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        for (var waited = 0; (await ImportRuns.GetAsync(http, import.Headers.Location!.ToString())).Status != ImportStatus.Done; waited++)
        {
            Assert.True(waited < 300, "the import did not finish within a minute");
            await Task.Delay(200);
        }
        var run = (await (await http.PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { }))
            .Content.ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json))!;
        for (var waited = 0; (await http.GetFromJsonAsync<MatchRunView>($"/api/match-runs/{run.Id}", MatchRunResult.Json))!.Status
             != RunStatus.Completed; waited++)
        {
            Assert.True(waited < 300, "the run did not finish within a minute");
            await Task.Delay(200);
        }
        (await http.PostAsync($"/api/match-runs/{run.Id}/publish", null)).EnsureSuccessStatusCode();
        var matches = await azurite.Tables.GetTableClient("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync();
        var eve = matches.Single(m => m.MenteeId == "e1");
        var other = matches.First(m => m.MenteeId != "e1");
        // Mid-point answers, as the feedback form stores them: Eve asks for help; another mentor is content.
        var store = new ParticipationStore(azurite.Tables);
        await store.SaveFeedbackAsync(cohort, new Feedback("e1", "midpoint", eve.RowKey, 2, 3, 2, 1, 1.5, false, true, false,
            "We have not managed to meet yet; could someone help?", DateTimeOffset.UtcNow), default);
        await store.SaveFeedbackAsync(cohort, new Feedback(other.MentorId, "midpoint", other.RowKey, 5, 5, 4, 4, 6.5, true, false,
            false, "Going well, thank you", DateTimeOffset.UtcNow), default);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{app.BaseUrl}/manage/login");
        await page.GetByLabel("Admin key").FillAsync("pairs-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}");
        var shots = Path.Combine(Paths.RepoRoot, "TestResults");
        Directory.CreateDirectory(shots);
        await page.GetByRole(AriaRole.Table, new() { Name = "Pairs" }).ScreenshotAsync(new() { Path = Path.Combine(shots, "pairs-list.png") });

        await page.GetByRole(AriaRole.Table, new() { Name = "Pairs" }).GetByRole(AriaRole.Link, new() { Name = "Eve Mentee" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{eve.MentorName} and Eve Mentee");
        await Assertions.Expect(page.Locator("#pair-status")).ToHaveTextAsync("Running");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Feedback" })).ToContainTextAsync("could someone help?");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "pair-page.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "End this match" }).ClickAsync();   // no reason yet
        await Assertions.Expect(page.Locator("#reason-error")).ToContainTextAsync("Say why the match ends");
        await page.GetByLabel("Reason (for the working group's records)").FillAsync("They could not find a time to meet");
        await page.GetByRole(AriaRole.Button, new() { Name = "End this match" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pair-status")).ToHaveTextAsync("Ended");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 e-mails queued");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "pair-ended.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Feedback" }).First.ClickAsync();
        var actions = page.GetByRole(AriaRole.Table, new() { Name = "Actions" });
        await Assertions.Expect(actions).ToContainTextAsync("Eve Mentee");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Answers" })).ToContainTextAsync("Going well, thank you");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark done (Eve Mentee)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Actions (0 open of 1)" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "feedback-page.png"), FullPage = true });

        // The local host delivers the outbox: one kind .eml to each of the two, without the group's reason.
        Eml[] Ended() => Directory.Exists(mail)
            ? Directory.GetFiles(mail, "match-ended*.eml").Select(Eml.Read).ToArray() : [];
        for (var i = 0; i < 300 && Ended().Length < 2; i++) await Task.Delay(100);
        var emails = Ended();
        var mentor = $"{eve.MentorName} <{eve.MentorEmail}>";
        Assert.Equal(new[] { mentor, "Eve Mentee <eve@ex.org>" }.Order(), emails.Select(e => e.To).Order());
        Assert.All(emails, e => Assert.Equal("Heat Exchanger Pairs: your mentoring match with " +
            (e.To == mentor ? "Eve Mentee" : eve.MentorName) + " has ended", e.Subject));
        Assert.All(emails, e => Assert.Contains("has now ended", e.Text));
        Assert.All(emails, e => Assert.DoesNotContain("could not find a time", e.Text));
        File.WriteAllText(Path.Combine(shots, "match-ended.txt"),
            string.Join("\n----\n", emails.Select(e => $"{e.To}\n{e.Subject}\n\n{e.Text}")));
    }
}
