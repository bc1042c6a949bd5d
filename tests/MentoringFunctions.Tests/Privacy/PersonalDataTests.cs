using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Privacy;
using MentoringFunctions.Matching;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Fuzz;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Privacy;

/// <summary>Export one person's data, and erase them: afterwards no table and no blob holds their name or address.</summary>
[Collection(AppCollection.Name)]
public class PersonalDataTests(AppFixture app)
{
    [Fact]
    public async Task Export_holds_their_application_changes_match_feedback_hours_and_mail()
    {
        var w = await PersonWorld.CreateAsync(app);
        var response = await app.AdminClient().GetAsync($"/api/cohorts/{w.Cohort}/applications/{w.Id}/personal-data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(w.Email, json.GetProperty("application").GetProperty("application").GetProperty("email").GetString());
        Assert.Equal("Wales", Assert.Single(json.GetProperty("pendingChanges").EnumerateArray())
            .GetProperty("proposed").GetProperty("region").GetString());
        var match = Assert.Single(json.GetProperty("matches").EnumerateArray());
        Assert.Equal(("mentee", w.PartnerName),
            (match.GetProperty("theirRole").GetString(), match.GetProperty("partnerName").GetString()));
        Assert.DoesNotContain(w.PartnerEmail, match.GetRawText());    // the partner by name only
        Assert.Equal("My own words about mentoring", Assert.Single(json.GetProperty("feedback").EnumerateArray())
            .GetProperty("comments").GetString());
        Assert.Empty(json.GetProperty("hours").EnumerateArray());     // a mentee logs none; the mentor's are the mentor's
        var kinds = json.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["application-change", "application-received", "introduction"], kinds);
        Assert.All(json.GetProperty("emails").EnumerateArray(), e => Assert.Equal(w.Email, e.GetProperty("to").GetString()));
        Assert.Contains(w.Name, json.GetProperty("emails").EnumerateArray().First().GetProperty("text").GetString());

        var mentor = await app.AdminClient().GetFromJsonAsync<JsonElement>(
            $"/api/cohorts/{w.Cohort}/applications/{w.PartnerId}/personal-data");
        Assert.Equal(45, Assert.Single(mentor.GetProperty("hours").EnumerateArray()).GetProperty("minutes").GetInt32());

        var download = await app.AdminClient().GetAsync($"/manage/cohorts/{w.Cohort}/applications/{w.Id}/export.json");
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains(w.Email, await download.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.Client().GetAsync($"/api/cohorts/{w.Cohort}/applications/{w.Id}/personal-data")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.AdminClient().GetAsync($"/api/cohorts/{w.Cohort}/applications/nobody/personal-data")).StatusCode);
    }

    [Fact]
    public async Task After_erasure_no_table_and_no_blob_holds_their_name_or_address_and_their_place_in_counts_stays()
    {
        var w = await PersonWorld.CreateAsync(app);
        var before = await StorageScan.FindAsync(app.Azurite.Tables, app.Azurite.Blobs, w.Name, w.Email);
        // The scan finds them where they are, so its silence afterwards means something.
        foreach (var place in new[] { "table applications ", "table applicationchanges ", "table matches ", "table outbox ",
                     "table feedback ", "blob match-results/", "blob imports/" })
            Assert.Contains(before, hit => hit.StartsWith(place, StringComparison.Ordinal));

        var page = await app.AdminClient().GetStringAsync($"/manage/cohorts/{w.Cohort}/applications/{w.Id}/erase");
        Assert.Contains("What is erased", page);
        Assert.Contains("What stays", page);
        var unconfirmed = await app.AdminClient().PostAsync($"/manage/cohorts/{w.Cohort}/applications/{w.Id}/erase",
            new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        var erased = await app.AdminClient().PostAsync($"/manage/cohorts/{w.Cohort}/applications/{w.Id}/erase",
            new FormUrlEncodedContent([new("confirm", "yes")]));
        var erasedPage = await erased.Content.ReadAsStringAsync();
        Assert.True(erased.StatusCode == HttpStatusCode.OK, erasedPage);
        Assert.Contains("Personal data erased", erasedPage);

        var after = await StorageScan.FindAsync(app.Azurite.Tables, app.Azurite.Blobs, w.Name, w.Email);
        Assert.True(after.Count == 0, "Still found after erasure:\n" + string.Join("\n", after));

        var rows = await ApplicationRows.Of(app.Azurite.Tables, w.Cohort).ToListAsync();
        var kept = Assert.Single(rows, r => r.Id == w.Id);
        Assert.Equal((ApplicationStatus.Erased, "mentee", "North West", 2, "", "", ""),   // as the import left it
            (kept.Status, kept.StoredRole, kept.Region, kept.YearsInSector, kept.Name, kept.Organisation, kept.Notes));
        Assert.Equal(7, rows.Count);     // everyone still counted
        var match = (await app.Factory.Services.GetRequiredService<MatchRunStore>().ListMatchesAsync(w.Cohort, default))
            .Single(m => m.Key == w.MatchKey);
        Assert.Equal((PersonScrubber.ErasedName, "", w.PartnerName), (match.MenteeName, match.MenteeEmail, match.MentorName));
        var mail = await app.OutboxAsync(w.Cohort);
        var theirs = mail.Where(m => m.RowKey.Contains(w.Id, StringComparison.Ordinal) && m.Kind != "new-application").ToList();
        Assert.NotEmpty(theirs);
        Assert.All(theirs, m => Assert.Equal(("", "", ""), (m.ToEmail, m.Html, m.Text)));
        Assert.Contains(mail, m => m.Kind == "introduction" && m.ToEmail == w.PartnerEmail
            && m.Text.Contains(PersonScrubber.Placeholder));

        // Erasing again is harmless: the same answer in words, and not one row or blob rewritten.
        var admin = app.AdminClient();   // its session row is made now, so the snapshot sees only the erase
        var snapshot = await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs);
        var again = await admin.PostAsync($"/api/cohorts/{w.Cohort}/applications/{w.Id}/erase", null);
        Assert.Equal("alreadyErased", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Empty(TableSnapshot.Diff(snapshot, await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs)));
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.AdminClient().GetAsync($"/api/cohorts/{w.Cohort}/applications/{w.Id}/personal-data")).StatusCode);
    }

    [Fact]
    public async Task The_scan_finds_a_name_in_a_table_or_container_nobody_told_it_about()
    {
        var word = "probe-" + Guid.NewGuid().ToString("N");
        var table = app.Azurite.Tables.GetTableClient("zzprobe" + Guid.NewGuid().ToString("N")[..8]);
        var container = app.Azurite.Blobs.GetBlobContainerClient("zzprobe-" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateAsync();
        await container.CreateAsync();
        try
        {
            Assert.Empty(await StorageScan.FindAsync(app.Azurite.Tables, app.Azurite.Blobs, word));
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Note"] = $"Written by {word.ToUpperInvariant()}" });
            await container.GetBlobClient("a/b.json").UploadAsync(BinaryData.FromString($"{{\"email\":\"{word}\"}}"));
            var hits = await StorageScan.FindAsync(app.Azurite.Tables, app.Azurite.Blobs, word);
            Assert.Equal(2, hits.Count);
        }
        finally
        {
            await table.DeleteAsync();
            await container.DeleteAsync();
        }
    }
}
