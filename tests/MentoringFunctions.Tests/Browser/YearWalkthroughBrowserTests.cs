using MentoringFunctions.Admin;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Matching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// A working group's year in Chromium, on a fake clock: set up a cohort on the pages, import (adding the topic the file
/// uses), match, review and publish; five months on the rhythm asks for mid-point feedback, a mentee answers through the
/// e-mailed link asking for help, the group ticks that off, ends her pair, re-matches with a new mentor and reads the new pair.
/// The app runs in Kestrel in this process (as in <see cref="SignInBrowserTests"/>); queue and timer functions run on its graph.
/// </summary>
[Collection(AppCollection.Name)]
public class YearWalkthroughBrowserTests(AppFixture app)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };
    private const string Chair = "chair@year.example";
    private const string Header = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n";

    [Fact]
    public async Task Working_group_runs_the_year_from_its_pages()
    {
        var port = MentoringFunctions.Hosting.Azurite.FreePort();
        var mail = Path.Combine(Path.GetTempPath(), "mf-year-mail-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(AppFixture.Start);   // 10 January 2027
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in new Dictionary<string, string>
                     {
                         ["urls"] = baseUrl, ["AzureWebJobsStorage"] = app.Azurite.ConnectionString, ["Admin:Key"] = "year-key", ["Admin:Organisers:0"] = Chair,
                         ["Links:Secret"] = "year-links", ["LocalHost:Enabled"] = "false", ["Telemetry:Console"] = "false",
                         ["Email:PickupDirectory"] = mail, ["Email:PublicBaseUrl"] = baseUrl,
                     })
                builder.UseSetting(key, value);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        factory.UseKestrel(port);
        factory.StartServer();
        var services = factory.Services;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var cohort = $"year-{suffix}-2027";
        var name = $"Heat Exchanger {suffix} 2027";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BypassCSP = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        Directory.CreateDirectory(SignInBrowserTests.Screenshots);
        var step = 0;
        Task ShotAsync(string what) =>
            page.ScreenshotAsync(new() { Path = Path.Combine(SignInBrowserTests.Screenshots, $"year-{++step:00}-{what}.png"), FullPage = true });
        // Signing in as the working group does: a link e-mailed to an organiser's address, opened from the .eml file.
        async Task SignInAsync()
        {
            await page.GotoAsync($"{baseUrl}/manage/login");
            await page.GetByLabel("Your e-mail address").FillAsync(Chair);
            await page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a sign-in link" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your e-mail" })).ToBeVisibleAsync();
            var request = (await app.OutboxAsync(SignInLinks.Partition)).Where(e => e.ToEmail == Chair).MaxBy(e => e.CreatedAt)!;
            var delivered = await Functions.QueueAsync(services, "SendEmail",
                JsonSerializer.Serialize(new OutboxPointer(request.PartitionKey, request.RowKey)));
            Assert.True(delivered.Succeeded, delivered.Error?.ToString());
            var signIn = Eml.Read(Directory.GetFiles(mail, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Last());
            Assert.Equal($"<{Chair}>", signIn.To);   // no name on file: no empty encoded word before it
            await page.GotoAsync(Regex.Match(signIn.Text, Regex.Escape(baseUrl) + @"/manage/login/link\?t=[A-Za-z0-9_\-\.]+").Value);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        ILocator H1() => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        async Task ImportAsync(string file, string csv, bool addTopics)
        {
            await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}");
            await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
                { Name = file, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            if (addTopics)
            {
                await Assertions.Expect(H1()).ToHaveTextAsync($"Add topics or regions to {name}?");
                await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Topics the cohort lacks" })).ToContainTextAsync("Procurement");
                await ShotAsync("import-missing-topics");
                await page.GetByRole(AriaRole.Button, new() { Name = "Add these to the cohort and import" }).ClickAsync();
            }
            var job = Regex.Match(page.Url, "/imports/([^/?]+)").Groups[1].Value;
            Assert.True((await ImportRuns.RunAsync(services, cohort, job)).Succeeded);   // the queue message, as the host delivers it
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Done");
        }
        async Task ReviewAndPublishAsync(string runId, string what, string summary)
        {
            Assert.True((await MatchRunTestData.ProcessAsync(services, cohort, runId)).Succeeded);
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Completed");
            await ShotAsync($"{what}-review");
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish and send introductions…" }).ClickAsync();
            await Assertions.Expect(page.Locator("#publish-summary")).ToHaveTextAsync(summary);
            await ShotAsync($"{what}-publish-confirm");
            var send = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Publish and send \d+ e-mails$") });
            var promised = int.Parse(Regex.Match(await send.InnerTextAsync(), @"\d+").Value);
            var before = (await app.OutboxAsync(cohort)).Count;
            await send.ClickAsync();
            await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Published");
            await Assertions.Expect(page.Locator("input[name=lock]")).ToHaveCountAsync(0);
            Assert.Equal(promised, (await app.OutboxAsync(cohort)).Count - before);   // the confirmation's count is what was sent
            await ShotAsync($"{what}-published");
        }

        // 1. Sign in and set up the cohort on the pages: two topics only, so the file's third is offered on import.
        await SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up a new cohort" }).ClickAsync();
        await page.GetByLabel("Short name for addresses (optional)", Exact).FillAsync(cohort);
        await page.GetByLabel("Cohort name", Exact).FillAsync(name);
        await page.GetByLabel("Applications open", Exact).FillAsync("2026-12-01");
        await page.GetByLabel("Applications close", Exact).FillAsync("2027-01-08");
        await page.GetByLabel("Programme starts", Exact).FillAsync("2027-01-15");
        await page.GetByLabel("Midpoint (mid-point feedback)", Exact).FillAsync("2027-06-15");
        await page.GetByLabel("Programme ends (final feedback)", Exact).FillAsync("2027-12-15");
        await page.GetByLabel("Topics", Exact).FillAsync("Finance\nPolicy");
        await page.GetByLabel("Working-group e-mail addresses", Exact).FillAsync("wg@heat.example");
        await ShotAsync("cohort-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the cohort" }).ClickAsync();
        Assert.EndsWith($"/manage/cohorts/{cohort}", page.Url);
        await Assertions.Expect(H1()).ToHaveTextAsync(name);
        await ShotAsync("cohort-created");

        // 2. Import the applications; the page offers to add Procurement, which two rows use.
        await ImportAsync("applications.csv", MatchRunTestData.Csv, addTopics: true);
        await Assertions.Expect(page.Locator("#import-counts")).ToHaveTextAsync("7 added, 0 updated, 0 unchanged, 0 rejected.");
        await ShotAsync("import-done");

        // 3. Match, review, publish through the confirmation page.
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a match run" }).ClickAsync();
        await ReviewAndPublishAsync(page.Url.Split('/').Last(), "match", "4 introductions to 6 people; 1 not-matched e-mail.");
        var pairs = await app.Table("matches").QueryAsync<MatchEntity>(m => m.PartitionKey == cohort).ToListAsync();
        var people = pairs.SelectMany(m => new[] { m.MentorEmail, m.MenteeEmail }).Distinct().Count();

        // 4. Five months on, the day of the mid-point: the timer asks everyone in a pair for feedback, once each.
        clock.SetUtcNow(new DateTimeOffset(2027, 6, 15, 8, 0, 0, TimeSpan.Zero));
        var rhythm = await Functions.TimerAsync(services, "ProgrammeRhythm");
        Assert.True(rhythm.Succeeded, rhythm.Error?.ToString());
        var requests = (await app.OutboxAsync(cohort)).Where(e => e.Kind == "feedback").ToList();
        Assert.Equal(people, requests.Count);
        Assert.Equal(people, requests.Select(e => e.ToEmail).Distinct().Count());

        // 5. Eve's request is delivered (a .eml file); she follows its signed link and asks for help.
        var eve = requests.Single(e => e.ToEmail == "eve@ex.org");
        var sent = await Functions.QueueAsync(services, "SendEmail", JsonSerializer.Serialize(new OutboxPointer(eve.PartitionKey, eve.RowKey)));
        Assert.True(sent.Succeeded, sent.Error?.ToString());
        var eml = Directory.GetFiles(mail, "*.eml").Select(Eml.Read).Single(e => e.To.Contains("eve@ex.org"));
        Assert.Equal("Eve Mentee <eve@ex.org>", eml.To);
        var link = Regex.Match(eml.Text, Regex.Escape(baseUrl) + @"/p/feedback\?t=[A-Za-z0-9_\-\.]+").Value;
        await page.GotoAsync(link);
        foreach (var (question, score) in new[] { ("overall", "2"), ("usefulness", "3"), ("relationship", "2") })
            await page.Locator($"input[name={question}][value='{score}']").CheckAsync();
        await page.GetByLabel("Meetings held so far").FillAsync("1");
        await page.GetByLabel("Hours spent on mentoring so far").FillAsync("1.5");
        await page.Locator("input[name=wants_to_continue][value=yes]").CheckAsync();
        await page.GetByLabel("I would like the working group to get in touch").CheckAsync();
        await page.GetByLabel("Anything else? (optional)").FillAsync("We have only met once; could someone help us find a rhythm?");
        await ShotAsync("feedback-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Assertions.Expect(H1()).ToContainTextAsync("Thank you");
        await ShotAsync("feedback-thanks");

        // 6. The group (signed in again: sessions last a working day) reads the mid-point feedback and ticks the action off.
        await SignInAsync();
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}/feedback?stage=midpoint");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Actions" })).ToContainTextAsync("Eve Mentee");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Answers" })).ToContainTextAsync("find a rhythm");
        await ShotAsync("feedback-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark done (Eve Mentee)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Actions (0 open of 1)" })).ToBeVisibleAsync();
        await ShotAsync("feedback-action-done");

        // 7. Eve's pair, from the cohort page: ended with a reason; both people are told.
        var eveMentor = pairs.Single(m => m.MenteeId == "e1").MentorName;
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Table, new() { Name = "Pairs" }).GetByRole(AriaRole.Link, new() { Name = "Eve Mentee" }).ClickAsync();
        await Assertions.Expect(H1()).ToHaveTextAsync($"{eveMentor} and Eve Mentee");
        await Assertions.Expect(page.Locator("#pair-status")).ToHaveTextAsync("Running");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Feedback" })).ToContainTextAsync("find a rhythm");
        await ShotAsync("pair-page");
        await page.GetByLabel("Reason (for the working group's records)").FillAsync("Eve asked for a mentor closer to her work");
        await page.GetByRole(AriaRole.Button, new() { Name = "End this match" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pair-status")).ToHaveTextAsync("Ended");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 e-mails queued");
        Assert.Equal(2, (await app.OutboxAsync(cohort)).Count(e => e.Kind == "match-ended"));
        await ShotAsync("pair-ended");

        // 8. A new mentor joins; the re-match keeps the running pairs and is reviewed and published like any run.
        await ImportAsync("new-mentor.csv", Header + "m3,mentor,Max Senior,max@ex.org,Omega,30,London,online,Policy;Finance,,2,,\n", addTopics: false);
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a re-match" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice").First).ToContainTextAsync("A re-match during the programme");
        // Two new pairs, Max Senior with Em and with Eve: three people hear, Max once for both; the kept pairs hear nothing.
        await ReviewAndPublishAsync(page.Url.Split('/').Last(), "rematch", "2 introductions to 3 people; 0 not-matched e-mails.");

        // 9. Eve's new pair's page, from the cohort page, where her ended pair is still listed.
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Pairs" }).Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        var ended = rows.Filter(new() { HasText = "Ended" });
        await Assertions.Expect(ended.GetByRole(AriaRole.Link)).ToHaveTextAsync([eveMentor, "Eve Mentee"]);
        await ShotAsync("cohort-pairs-after-rematch");
        await rows.Filter(new() { HasText = "Max Senior" }).Filter(new() { HasText = "Eve Mentee" })
            .GetByRole(AriaRole.Link, new() { Name = "Eve Mentee" }).ClickAsync();
        await Assertions.Expect(H1()).ToHaveTextAsync("Max Senior and Eve Mentee");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Introduced on 15 June 2027");
        await Assertions.Expect(page.Locator("#pair-status")).ToHaveTextAsync("Running");
        await ShotAsync("new-pair-page");

        // 10. The dashboard and the funders' report for the year so far, with axe-core on both (the page above lets
        // axe's script in; the app's CSP allows none).
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}/dashboard");
        await Assertions.Expect(H1()).ToHaveTextAsync($"{name}: dashboard");
        await ShotAsync("dashboard");
        Assert.Empty(await Axe.SeriousAsync(page));
        await page.GotoAsync($"{baseUrl}/manage/cohorts/{cohort}/report");
        await Assertions.Expect(H1()).ToHaveTextAsync($"{name}: impact report");
        await ShotAsync("report");
        Assert.Empty(await Axe.SeriousAsync(page));
    }
}
