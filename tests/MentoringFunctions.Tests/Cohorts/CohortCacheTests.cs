using Azure.Data.Tables;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Cohorts;

/// <summary>The form's cached cohort: fresh after this instance's own writes, and after its lifetime otherwise.</summary>
[Collection(AppCollection.Name)]
public class CohortCacheTests(AppFixture app)
{
    [Fact]
    public async Task A_cached_cohort_is_reread_after_its_lifetime_and_dropped_at_once_on_an_own_write()
    {
        var id = await app.CreateCohortAsync("Before");
        var cohorts = app.Factory.Services.GetRequiredService<CohortRepository>();
        Assert.Equal("Before", (await cohorts.GetCachedAsync(id))!.Name);

        // Another instance's edit: straight into the table, past this repository.
        var table = app.Table(StorageNames.Cohorts);
        var row = (await table.GetEntityAsync<TableEntity>("cohort", id)).Value;
        row["Name"] = "Elsewhere";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        Assert.Equal("Before", (await cohorts.GetCachedAsync(id))!.Name);
        app.Clock.Advance(CohortRepository.CacheLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal("Elsewhere", (await cohorts.GetCachedAsync(id))!.Name);

        var (cohort, etag) = (await cohorts.GetAsync(id))!.Value;
        Assert.Equal(WriteOutcome.Done, await cohorts.UpdateAsync(cohort with { Name = "Own write" }, etag));
        Assert.Equal("Own write", (await cohorts.GetCachedAsync(id))!.Name);
    }
}
