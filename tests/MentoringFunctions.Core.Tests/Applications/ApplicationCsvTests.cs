using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Tests.Applications;

public class ApplicationCsvTests
{
    private const string Header = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n";

    [Fact]
    public void Reads_rows_with_lists_and_case_insensitive_enums()
    {
        var file = ApplicationCsv.Read(new StringReader(Header +
            "a1,MENTOR,Ann,Ann@X.org,Org A,12,North West,In Person,finance; policy,,,b@y.org;Org C,\"likes, commas\"\n"));
        Assert.True(file.IsValid);
        var row = Assert.Single(file.Rows);
        Assert.Equal(2, row.Line);
        var app = ApplicationValidator.Validate(row.Input, new ApplicationRules(), row.Input.Id!).Value!;
        Assert.Equal(Role.Mentor, app.Role);
        Assert.Equal(MeetingPreference.InPerson, app.Meeting);
        Assert.Equal(["finance", "policy"], app.Offers);
        Assert.Equal(1, app.Capacity); // blank capacity means 1
        Assert.Equal("ann@x.org", app.Email);
        Assert.Equal(["b@y.org", "Org C"], app.Avoid);
        Assert.Equal("likes, commas", app.Notes);
    }

    [Fact]
    public void Names_the_header_column_that_is_wrong()
    {
        var file = ApplicationCsv.Read(new StringReader("id,role,name,mail\n"));
        Assert.False(file.IsValid);
        Assert.Contains("line 1, column 4", file.Error);
        Assert.Contains("'email'", file.Error);
    }

    [Fact]
    public void Export_then_import_round_trips_including_formula_like_cells()
    {
        var app = new Application("x1", Role.Both, "=HYPERLINK(\"bad\")", "b@c.org", "Org", 7, "Wales", MeetingPreference.Either,
            ["heat"], ["policy", "finance"], 2, ["-dash"], "multi\nline");
        var writer = new StringWriter();
        ApplicationCsv.Write(writer, [app]);
        Assert.Contains("'=HYPERLINK", writer.ToString());
        var row = Assert.Single(ApplicationCsv.Read(new StringReader(writer.ToString())).Rows);
        var back = ApplicationValidator.Validate(row.Input, new ApplicationRules(), row.Input.Id!).Value!;
        Assert.Equal(app with { Offers = back.Offers, Seeks = back.Seeks, Avoid = back.Avoid }, back);
        Assert.Equal(app.Offers, back.Offers);
        Assert.Equal(app.Seeks, back.Seeks);
        Assert.Equal(app.Avoid, back.Avoid);
    }
}
