using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MentoringFunctions.Tests.Browser;

/// <summary>axe-core on the page as it is now: the serious and critical violations, in words a failure message can show.</summary>
public static class Axe
{
    public static async Task<IReadOnlyList<string>> SeriousAsync(IPage page)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);     // axe did run on this page
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}: " + string.Join(" | ", v.Nodes.Select(n => n.Html)))
            .ToList();
    }
}
