using Azure;
using Azure.Data.Tables;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Storage;
using Moq;

namespace MentoringFunctions.Tests.Unit;

/// <summary>The create-or-update rules, with the Table SDK client mocked directly.</summary>
public class SaveApplicationTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly RetryBackoff Backoff = new(maxAttempts: 3, TimeSpan.Zero, TimeSpan.Zero);
    private static readonly string Partition = ApplicationEntity.PartitionFor("c1", "ann@example.org");
    private readonly Mock<TableClient> _table = new();
    private readonly ApplicationRepository _repository;

    public SaveApplicationTests()
    {
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient(StorageNames.Applications)).Returns(_table.Object);
        _repository = new ApplicationRepository(service.Object);
    }

    private static Application Ann(string name = "Ann") => new("", Role.Mentee, name, "ann@example.org", "Org", 3, "Wales",
        MeetingPreference.Online, [], ["Finance"], 0, [], "");

    private static ApplicationEntity Stored(int version, string name = "Ann")
    {
        var e = new ApplicationEntity { Version = version, ETag = new ETag($"v{version}") };
        e.Apply("c1", Ann(name) with { Id = "a1" });
        return e;
    }

    private static NullableResponse<ApplicationEntity> None()
    {
        var none = new Mock<NullableResponse<ApplicationEntity>>();
        none.SetupGet(r => r.HasValue).Returns(false);
        return none.Object;
    }

    private void Reads(params NullableResponse<ApplicationEntity>[] responses)
    {
        var sequence = _table.SetupSequence(t => t.GetEntityIfExistsAsync<ApplicationEntity>(Partition, "ann@example.org", null, It.IsAny<CancellationToken>()));
        foreach (var r in responses) sequence.ReturnsAsync(r);
    }

    [Fact]
    public async Task A_new_email_is_added_with_a_stable_id_and_version_1()
    {
        Reads(None());
        ApplicationEntity? added = null;
        _table.Setup(t => t.AddEntityAsync(It.IsAny<ApplicationEntity>(), It.IsAny<CancellationToken>()))
            .Callback<ITableEntity, CancellationToken>((e, _) => added = (ApplicationEntity)e)
            .ReturnsAsync(new StubResponse());

        var saved = await SaveApplication.SaveAsync(_repository, Backoff, "c1", Ann(), "form", true, Now, CancellationToken.None);

        Assert.Equal(SaveOutcome.Created, saved.Outcome);
        Assert.Equal(SaveApplication.NewId("c1", "ANN@example.org "), added!.Id);
        Assert.Equal((1, Partition, "ann@example.org", Now), (added.Version, added.PartitionKey, added.RowKey, added.ConsentedAt!.Value));
    }

    [Fact]
    public async Task A_lost_race_on_update_rereads_and_applies_the_change_on_top()
    {
        Reads(Response.FromValue(Stored(1), new StubResponse()), Response.FromValue(Stored(2, "Ann B"), new StubResponse()));
        _table.SetupSequence(t => t.UpdateEntityAsync(It.IsAny<ApplicationEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(412, "precondition failed"))
            .ReturnsAsync(new StubResponse("W/\"v3\""));

        var saved = await SaveApplication.SaveAsync(_repository, Backoff, "c1", Ann("Ann C"), "api", true, Now, CancellationToken.None);

        Assert.Equal(new ETag("W/\"v3\""), saved.Application.ETag);   // ready for the next guarded write
        Assert.Equal(SaveOutcome.Updated, saved.Outcome);
        Assert.Equal(3, saved.Application.Version);            // on top of the concurrent v2, not v1
        Assert.Equal("Ann C", saved.Application.Name);
        _table.Verify(t => t.UpdateEntityAsync(It.IsAny<ApplicationEntity>(), new ETag("v1"), TableUpdateMode.Replace, It.IsAny<CancellationToken>()), Times.Once);
        _table.Verify(t => t.UpdateEntityAsync(It.IsAny<ApplicationEntity>(), new ETag("v2"), TableUpdateMode.Replace, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_concurrent_identical_create_becomes_unchanged_not_a_duplicate()
    {
        Reads(None(), Response.FromValue(Stored(1), new StubResponse()));
        _table.Setup(t => t.AddEntityAsync(It.IsAny<ApplicationEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "exists"));

        var saved = await SaveApplication.SaveAsync(_repository, Backoff, "c1", Ann(), "form", true, Now, CancellationToken.None);

        Assert.Equal(SaveOutcome.Unchanged, saved.Outcome);
        _table.Verify(t => t.UpdateEntityAsync(It.IsAny<ApplicationEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task When_every_attempt_loses_the_race_the_outcome_is_busy_and_nothing_throws()
    {
        Reads(Response.FromValue(Stored(1), new StubResponse()), Response.FromValue(Stored(2), new StubResponse()),
            Response.FromValue(Stored(3), new StubResponse()));
        _table.Setup(t => t.UpdateEntityAsync(It.IsAny<ApplicationEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(412, "precondition failed"));

        var saved = await SaveApplication.SaveAsync(_repository, Backoff, "c1", Ann("Ann C"), "api", true, Now, CancellationToken.None);

        Assert.Equal(SaveOutcome.Busy, saved.Outcome);
        _table.Verify(t => t.UpdateEntityAsync(It.IsAny<ApplicationEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public void Backoff_waits_are_jittered_under_an_exponential_ceiling()
    {
        var backoff = new RetryBackoff(10, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(800));
        var waits = Enumerable.Range(0, 200).Select(_ => backoff.Delay(4).TotalMilliseconds).ToList();
        Assert.All(waits, w => Assert.InRange(w, 0, 80));
        Assert.True(waits.Distinct().Count() > 100, "the waits are not spread out");
        Assert.All(Enumerable.Range(0, 50).Select(_ => backoff.Delay(30)), d => Assert.InRange(d.TotalMilliseconds, 0, 800));
    }
}
