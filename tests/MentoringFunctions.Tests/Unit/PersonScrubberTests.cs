using System.Text.Json.Nodes;
using MentoringFunctions.Core.Privacy;

namespace MentoringFunctions.Tests.Unit;

public class PersonScrubberTests
{
    private static readonly PersonScrubber Scrubber = new([new ErasedPerson("e1", "Ann.O'Brien@Example.org", "Ann O'Brien")]);

    [Fact]
    public void Values_that_are_them_go_and_mentions_become_a_placeholder()
    {
        Assert.Equal("", Scrubber.Scrub("ann.o'brien@example.org"));
        Assert.Equal(PersonScrubber.ErasedName, Scrubber.Scrub("ANN O'BRIEN"));
        Assert.Equal($"Meet {PersonScrubber.Placeholder} ({PersonScrubber.Placeholder})",
            Scrubber.Scrub("Meet Ann O'Brien (ann.o'brien@example.org)"));
        Assert.Equal($"<p>Meet {PersonScrubber.Placeholder}</p>", Scrubber.Scrub("<p>Meet Ann O&#39;Brien</p>"));
        Assert.Equal("Nothing about anyone", Scrubber.Scrub("Nothing about anyone"));
    }

    [Fact]
    public void Json_keeps_its_shape_and_their_snapshot_loses_employer_and_notes()
    {
        var json = JsonNode.Parse("""
            {"applicants":[{"id":"e1","name":"Ann O'Brien","email":"ann.o'brien@example.org","organisation":"Acme","years":3},
             {"id":"m1","name":"Mo","email":"mo@example.org","organisation":"Beta"}],"reasons":["Ann O'Brien has no mentor"]}
            """);
        var scrubbed = Scrubber.ScrubJson(json)!.ToJsonString();
        Assert.Equal("""
            {"applicants":[{"id":"e1","name":"An erased participant","email":"","organisation":"","years":3},{"id":"m1","name":"Mo","email":"mo@example.org","organisation":"Beta"}],"reasons":["an erased participant has no mentor"]}
            """.Trim(), scrubbed);
    }

    [Fact]
    public void Csv_loses_their_record_and_keeps_everyone_else()
    {
        var csv = "id,name,email,avoid\ne1,Ann O'Brien,ann.o'brien@example.org,\nm1,Mo,mo@example.org,\"ann.o'brien@example.org;Acme\"\n";
        Assert.Equal($"id,name,email,avoid\r\nm1,Mo,mo@example.org,{PersonScrubber.Placeholder};Acme\r\n", Scrubber.ScrubCsv(csv));
    }
}
