using System.Net.Http.Json;
using MentoringFunctions.Hosting;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;
using MentoringFunctions.Tests.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>
/// The dashboard and the impact report in Chromium over a seeded programme year and its predecessor, with
/// screenshots; axe-core on them, the public form and the pages behind e-mailed links; the form sent by keyboard alone.
/// </summary>
[Collection(PublishedCollection.Name)]
public class ReportBrowserTests(PublishedApp published, AzuriteFixture azurite)
{
    private const string Key = "report-key", Secret = "report-links-secret";
    private static readonly string Shots = Path.Combine(Paths.RepoRoot, "TestResults");

    [Fact]
    public async Task Dashboard_and_report_render_print_and_pass_axe()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, Environment(port));
        var (stem, cohort) = await SeedAsync(app);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await SignedInPageAsync(browser, app);

        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{stem} 2027: dashboard");
        Assert.Equal(8, await page.Locator("svg[role=img]").CountAsync());
        await Assertions.Expect(page.Locator("#bands-desc")).ToContainTextAsync("5-9 years: 17 mentees with 5+ years");
        // The seeded year is short of senior mentors for 5-9 and 10-14 years: those two bands are marked.
        Assert.Equal(2, await page.Locator("svg[aria-labelledby^='bands-'] rect[fill='#fbe9e6']").CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Pairs at risk" })).ToContainTextAsync("Not met");
        await page.Locator("summary", new() { HasText = "Mentees and senior mentor places" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Mentees and senior mentor places by years in the sector" }))
            .ToContainTextAsync("10+");
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "dashboard.png"), FullPage = true });
        Assert.Empty(await Axe.SeriousAsync(page));

        await page.GotoAsync($"{app.BaseUrl}/manage/cohorts/{cohort}/report");
        await page.GetByLabel("Hourly rate for mentors' time").FillAsync("45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the value" }).ClickAsync();
        await Assertions.Expect(page.Locator(".figure", new() { HasText = "Value of mentoring hours" }).Locator("dd")).ToContainTextAsync("£");
        await Assertions.Expect(page.Locator("blockquote").First).ToContainTextAsync(SampleProgramme.Comments[0].Comment);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(SampleProgramme.Comments[4].Comment);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Year on year" }).Locator("tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "report.png"), FullPage = true });
        Assert.Empty(await Axe.SeriousAsync(page));

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("form.filters")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("header")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "report-print.png"), FullPage = true });
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(Shots, "report.pdf"), Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000, $"{pdf.Length} bytes");

        var csv = await page.APIRequest.GetAsync($"{app.BaseUrl}/manage/cohorts/{cohort}/report.csv?rate=45");
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("\uFEFFcohort,section,figure,value,unit", await csv.TextAsync());
    }

    [Fact]
    public async Task Public_form_and_link_pages_pass_axe_and_the_form_works_by_keyboard_alone()
    {
        var port = Azurite.FreePort();
        await using var app = await published.StartAsync(port, Environment(port));
        var (_, cohort) = await SeedAsync(app);
        using var http = Admin(app);
        var open = "kb-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = open, name = "Community Energy Mentoring", applicationsOpen = today.AddDays(-5), applicationsClose = today.AddDays(20),
            programmeStart = today.AddDays(30), midpoint = today.AddDays(120), programmeEnd = today.AddDays(240),
            topics = new[] { "Funding", "Governance", "Community engagement" },
        })).EnsureSuccessStatusCode();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { BypassCSP = true, ViewportSize = new() { Width = 1000, Height = 900 } });

        var tokens = LinkTokens.From(new ConfigurationBuilder().AddInMemoryCollection([new(LinkTokens.SecretKey, Secret)]).Build(),
            null, TimeProvider.System, NullLogger.Instance);
        var pair = "m13|e10";
        var violations = new List<string>();
        foreach (var path in new[]
                 {
                     $"/apply/{open}", $"/p/checkin?t={tokens.Issue(cohort, "e10", pair, "checkin", TimeSpan.FromDays(5))}&answer=met",
                     $"/p/feedback?t={tokens.Issue(cohort, "e10", pair, "feedback:midpoint", TimeSpan.FromDays(5))}",
                     $"/p/hours?t={tokens.Issue(cohort, "m13", pair, "hours", TimeSpan.FromDays(5))}",
                 })
        {
            await page.GotoAsync(app.BaseUrl + path);
            violations.AddRange(await Axe.SeriousAsync(page));
        }
        Assert.Empty(violations);

        await page.GotoAsync($"{app.BaseUrl}/apply/{open}");
        await FillByKeyboardAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Application received");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "keyboard-thanks.png"), FullPage = true });
        var stored = Assert.Single(await ApplicationRows.Of(azurite.Tables, open).ToListAsync());
        Assert.Equal(("Kit Keyboard", "kit@keys.example", "Governance", "Wales", 7), (stored.Name, stored.Email, stored.Seeks, stored.Region,
            stored.YearsInSector));
    }

    /// <summary>Tab from the top of the page and answer each field as it takes focus, typing only; Enter on the button.</summary>
    private static async Task FillByKeyboardAsync(IPage page)
    {
        var typed = new Dictionary<string, string>
        {
            ["name"] = "Kit Keyboard", ["email"] = "kit@keys.example", ["organisation"] = "Valley Energy Co-op", ["years_in_sector"] = "7",
        };
        for (var step = 0; step < 80; step++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; return [e.tagName, e.name || '', e.type || '', e.value || '', e.textContent || '']; }");
            var (tag, name, type, value) = (focus[0], focus[1], focus[2], focus[3]);
            if (typed.TryGetValue(name, out var text)) await page.Keyboard.TypeAsync(text);
            else if (name == "role") await ChooseAsync(page, "mentee");
            else if (name == "meeting") await ChooseAsync(page, "online");
            else if (name == "region")
                for (var i = 0; i < 20 && await page.EvaluateAsync<string>("() => document.activeElement.value") != "Wales"; i++)
                    await page.Keyboard.PressAsync("ArrowDown");
            else if ((name == "seeks" && value == "Governance") || name == "consent") await page.Keyboard.PressAsync("Space");
            else if (tag == "BUTTON" && focus[4].Contains("Send application", StringComparison.Ordinal))
            {
                await page.Keyboard.PressAsync("Enter");
                return;
            }
            Assert.NotEqual("website", name);    // the honeypot is out of the tab order
        }
        Assert.Fail("Tabbing never reached the Send application button.");
    }

    /// <summary>Arrow keys move through a radio group and select as they go.</summary>
    private static async Task ChooseAsync(IPage page, string wanted)
    {
        for (var i = 0; i < 5 && await page.EvaluateAsync<string>("() => document.activeElement.value") != wanted; i++)
            await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Space");
    }

    private Dictionary<string, string> Environment(int port) => new()
    {
        ["urls"] = $"http://127.0.0.1:{port}",
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Admin__Key"] = Key,
        ["Links__Secret"] = Secret,
        ["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "mf-report-mail-" + Guid.NewGuid().ToString("N")),
    };

    private static HttpClient Admin(AppProcess app)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Admin-Key", Key);
        return http;
    }

    /// <summary>Last year's cohort and this year's, of one network, each with a seeded year; this year's id.</summary>
    private async Task<(string Stem, string Cohort)> SeedAsync(AppProcess app)
    {
        using var http = Admin(app);
        var stem = "Heat Exchanger " + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var ids = new List<string>();
        foreach (var (year, back) in new[] { (2026, 365), (2027, 0) })
        {
            var id = $"hx{year}-" + Guid.NewGuid().ToString("N")[..6];
            var start = today.AddDays(-back - 120);
            (await http.PostAsJsonAsync("/api/cohorts", new
            {
                id, name = $"{stem} {year}", applicationsOpen = start.AddDays(-60), applicationsClose = start.AddDays(-14),
                programmeStart = start, midpoint = start.AddDays(150), programmeEnd = start.AddDays(330),
                topics = new[] { "Finance", "Procurement", "Policy", "Heat network design" },
            })).EnsureSuccessStatusCode();
            await SampleProgramme.SeedAsync(azurite.ConnectionString, id, now.AddDays(-back - 120), now.AddDays(-back),
                scale: year == 2026 ? 0.6 : 1);
            ids.Add(id);
        }
        return (stem, ids[^1]);
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ApplicationFormBrowserTests.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

    /// <summary>axe is injected as a script, which the app's CSP forbids: the test page bypasses CSP for that alone.</summary>
    private static async Task<IPage> SignedInPageAsync(IBrowser browser, AppProcess app)
    {
        var page = await browser.NewPageAsync(new() { BypassCSP = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{app.BaseUrl}/manage/login");
        await page.GetByLabel("Admin key").FillAsync(Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }
}
