namespace MentoringFunctions.Core.Reporting;

public enum ChartKind { Bars, Line }

public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A row of a chart's data-table fallback: the category and each series' value as text.</summary>
public sealed record ChartRow(string Category, IReadOnlyList<string> Values);

/// <summary>
/// A chart as data: what the SVG draws and what its table fallback lists. Highlighted categories are drawn in the
/// warning colour (a shortfall), and Description says in words what the chart shows, for screen readers.
/// </summary>
public sealed record Chart(string Id, string Title, string Description, ChartKind Kind, IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series, string Unit, IReadOnlySet<string> Highlighted)
{
    public IReadOnlyList<string> SeriesNames => Series.Select(s => s.Name).ToList();

    public IReadOnlyList<ChartRow> Rows => Categories.Select((c, i) =>
        new ChartRow(c, Series.Select(s => Figures.Number(s.Values[i])).ToList())).ToList();

    public string Svg => SvgChart.Render(this);
}
