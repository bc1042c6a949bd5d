using System.Xml.Linq;
using MentoringFunctions.Core.Reporting;

namespace MentoringFunctions.Core.Tests.Reporting;

public class SvgChartTests
{
    private static Chart Sample(string title = "Mentees by band", ChartKind kind = ChartKind.Bars) => new("bands", title,
        "Short in 5-9.", kind, ["0-4", "5-9"], [new("Mentees", [3, 7]), new("Places", [5, 1])], "people", new HashSet<string> { "5-9" });

    [Fact]
    public void A_chart_is_well_formed_svg_with_a_title_and_description_screen_readers_announce()
    {
        var svg = XElement.Parse(SvgChart.Render(Sample()));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("bands-title bands-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Mentees by band", svg.Element(ns + "title")!.Value);
        Assert.Equal("Short in 5-9.", svg.Element(ns + "desc")!.Value);
        Assert.Equal(4 + 2, svg.Elements(ns + "rect").Count(r => (string?)r.Attribute("fill") is "#1d70b8" or "#00703c"));
        Assert.Single(svg.Elements(ns + "rect"), r => (string?)r.Attribute("fill") == "#fbe9e6");    // the short band
        Assert.Contains(svg.Elements(ns + "text"), t => t.Value == "gap");
    }

    [Fact]
    public void Text_is_escaped_so_names_cannot_inject_markup()
    {
        var svg = SvgChart.Render(Sample("<script>alert(1)</script> & more"));
        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", svg);
        XElement.Parse(svg);
    }

    [Fact]
    public void A_line_chart_draws_one_polyline_per_series()
    {
        var svg = XElement.Parse(SvgChart.Render(Sample(kind: ChartKind.Line)));
        Assert.Equal(2, svg.Elements(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 4)]
    [InlineData(7, 8)]
    [InlineData(9, 10)]
    [InlineData(130, 200)]
    public void The_axis_ends_on_a_round_number(double max, double top) => Assert.Equal(top, SvgChart.Scale(max));

    [Theory]
    [InlineData("Wales", 60, "Wales")]
    [InlineData("Yorkshire and the Humber", 90, "Yorkshire an…")]
    public void Labels_are_cut_to_their_band(string label, double width, string shown) =>
        Assert.Equal(shown, SvgChart.Fit(label, width));

    [Fact]
    public void The_table_fallback_has_a_row_per_category()
    {
        var rows = Sample().Rows;
        Assert.Equal([("0-4", "3", "5"), ("5-9", "7", "1")], rows.Select(r => (r.Category, r.Values[0], r.Values[1])));
    }
}
