using MentoringFunctions.Core.Cohorts;

namespace MentoringFunctions.Core.Tests.Cohorts;

public class CohortTests
{
    private static CohortInput Input => new()
    {
        Name = "Heat Exchanger 2027!", ApplicationsOpen = new(2027, 1, 1), ApplicationsClose = new(2027, 1, 31),
        ProgrammeStart = new(2027, 2, 1), Midpoint = new(2027, 8, 1), ProgrammeEnd = new(2028, 2, 1), Topics = ["Finance"],
    };

    [Fact]
    public void Defaults_id_time_zone_and_regions()
    {
        var c = CohortValidator.Validate(Input).Value!;
        Assert.Equal(("heat-exchanger-2027", "Europe/London"), (c.Id, c.TimeZone));
        Assert.Equal(Cohort.UkRegions, c.Regions);
        Assert.False(c.NotifyWorkingGroup);
    }

    [Theory]
    [InlineData("2027-01-31T23:30:00Z", true)]    // 23:30 in London on the closing day
    [InlineData("2027-02-01T00:00:00Z", false)]
    [InlineData("2026-12-31T23:59:59Z", false)]
    public void Open_is_judged_in_the_cohorts_time_zone(string utc, bool open) =>
        Assert.Equal(open, CohortValidator.Validate(Input).Value!.IsOpen(DateTimeOffset.Parse(utc)));

    [Fact]
    public void Closing_in_summer_time_uses_the_local_date()
    {
        var c = CohortValidator.Validate(Input with
        {
            ApplicationsOpen = new(2027, 6, 1), ApplicationsClose = new(2027, 6, 30), ProgrammeStart = new(2027, 7, 1),
            Midpoint = new(2027, 8, 1), ProgrammeEnd = new(2027, 9, 1),
        }).Value!;
        Assert.False(c.IsOpen(DateTimeOffset.Parse("2027-06-30T23:30:00Z")));   // already 1 July 00:30 BST
        Assert.Equal("Applications for Heat Exchanger 2027! closed on 30 June 2027.", c.ClosedReason(DateTimeOffset.Parse("2027-06-30T23:30:00Z")));
    }

    [Fact]
    public void Dates_out_of_order_and_bad_ids_are_named()
    {
        var r = CohortValidator.Validate(Input with { Id = "Bad Id", ApplicationsClose = new(2026, 12, 1), WorkingGroupEmails = ["nobody"] });
        Assert.Equal(["applicationsClose", "id", "workingGroupEmails"], r.Errors.Keys.Order());
    }
}
