using System.Text.Json;
using Azure.Data.Tables;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Storage;

/// <summary>Statuses and roles are enums in the app and the same text as before in the tables and the API.</summary>
[Collection(AppCollection.Name)]
public class StoredStatusTests(AppFixture app)
{
    [Fact]
    public async Task Rows_written_before_the_enums_load_and_new_rows_keep_the_old_text()
    {
        var table = app.Table(StorageNames.Applications);
        var cohort = "c-" + Guid.NewGuid().ToString("N")[..10];
        await table.AddEntityAsync(new TableEntity(cohort, "old") { ["Role"] = "both", ["Status"] = "withdrawn", ["Meeting"] = "online" });
        var old = (await table.GetEntityAsync<ApplicationEntity>(cohort, "old")).Value;
        Assert.Equal((Role.Both, ApplicationStatus.Withdrawn), (old.Role, old.Status));

        await table.AddEntityAsync(new ApplicationEntity { PartitionKey = cohort, RowKey = "new", Role = Role.Mentee, Status = ApplicationStatus.Active });
        var stored = (await table.GetEntityAsync<TableEntity>(cohort, "new")).Value;
        Assert.Equal(("mentee", "active"), (stored.GetString("Role"), stored.GetString("Status")));
        Assert.False(stored.ContainsKey("StoredRole") || stored.ContainsKey("StoredStatus"));

        var run = new MatchRunEntity { RowKey = "r", Status = RunStatus.Published };
        var email = new OutboxEntity { Status = OutboxStatus.Failed };
        Assert.Equal(("Published", "Failed"), (run.StoredStatus, email.StoredStatus));
    }

    [Fact]
    public async Task Text_that_is_no_status_throws_instead_of_reading_as_the_first_member()
    {
        var table = app.Table(StorageNames.Applications);
        var cohort = "c-" + Guid.NewGuid().ToString("N")[..10];
        await table.AddEntityAsync(new TableEntity(cohort, "bad") { ["Role"] = "boss", ["Status"] = "paused" });
        var bad = (await table.GetEntityAsync<ApplicationEntity>(cohort, "bad")).Value;
        Assert.Throws<InvalidDataException>(() => bad.Status);
        Assert.Throws<InvalidDataException>(() => bad.Role);
        Assert.Throws<InvalidDataException>(() => StoredText.Parse<RunStatus>("1"));
        Assert.Equal(OutboxStatus.Sending, StoredText.Parse<OutboxStatus>("sending"));
    }

    [Fact]
    public async Task Api_json_and_templates_spell_them_as_before()
    {
        var json = JsonSerializer.Serialize(new ApplicantSnapshot("a1", Role.Both, "Bo", "bo@ex.org", "Org", 3, "Wales", "online", [], [], 1, 1),
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        Assert.Contains("\"role\":\"both\"", json);

        var root = Path.Combine(Path.GetTempPath(), "mf-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "t.liquid"), "{{ m.role }} {{ m.status }}{% if m.status == \"Withdrawn\" %} (withdrawn){% endif %}");
        var html = await new TemplateRenderer(root).RenderAsync("t.liquid", new { M = new { Role = Role.Mentee, Status = RunStatus.Withdrawn } });
        Assert.Equal("mentee Withdrawn (withdrawn)", html);
        Directory.Delete(root, true);
    }
}
