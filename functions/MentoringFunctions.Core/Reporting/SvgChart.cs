using System.Globalization;
using System.Net;
using System.Text;

namespace MentoringFunctions.Core.Reporting;

/// <summary>
/// Writes a <see cref="Chart"/> as inline SVG: no scripts (the CSP forbids them), a title and a description
/// for screen readers, text in the page's ink colour. Highlighted categories get a pale warning band and label.
/// </summary>
public static class SvgChart
{
    private const int Width = 640, Height = 280, Left = 52, Right = 16, Top = 34, Bottom = 58;
    private static readonly string[] Palette = ["#1d70b8", "#00703c", "#505a5f", "#912b88"];
    private const string Warning = "#d4351c", WarningBand = "#fbe9e6", Ink = "#0b0c0c", Grid = "#b1b4b6";

    public static string Render(Chart chart)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" ")
            .Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {Width} {Height}\" aria-labelledby=\"{chart.Id}-title {chart.Id}-desc\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{chart.Id}-title\">{Text(chart.Title)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<desc id=\"{chart.Id}-desc\">{Text(chart.Description)}</desc>");
        var max = Scale(chart.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double Y(double v) => Top + plotH - v / max * plotH;
        for (var i = 0; i <= 4; i++)
        {
            var v = max * i / 4;
            svg.Append(Line(Left, Y(v), Width - Right, Y(v), Grid))
                .Append(Label(Left - 6, Y(v) + 4, Figures.Number(v), "end", Ink));
        }
        var n = Math.Max(1, chart.Categories.Count);
        var band = (double)plotW / n;
        var every = Math.Max(1, (int)Math.Ceiling(n / 12.0));   // a year of weeks stays legible
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var name = chart.Categories[c];
            var hot = chart.Highlighted.Contains(name);
            if (hot) svg.Append(Rect(Left + c * band, Top, band, plotH, WarningBand));
            if (c % every == 0 || hot)
                svg.Append(Label(Left + (c + 0.5) * band, Height - Bottom + 16, Fit(name, hot ? band : band * every), "middle", hot ? Warning : Ink, hot));
            if (hot) svg.Append(Label(Left + (c + 0.5) * band, Height - Bottom + 32, "gap", "middle", Warning, true));
        }
        if (chart.Kind == ChartKind.Bars) Bars(svg, chart, band, Y);
        else Lines(svg, chart, band, Y);
        var x = (double)Left;
        foreach (var (series, s) in chart.Series.Select((series, s) => (series, s)))
        {
            svg.Append(Rect(x, 8, 14, 14, Palette[s % Palette.Length])).Append(Label(x + 20, 20, series.Name, "start", Ink));
            x += 20 + series.Name.Length * 6.5 + 24;
        }
        svg.Append(Line(Left, Top + plotH, Width - Right, Top + plotH, Ink));
        return svg.Append("</svg>").ToString();
    }

    private static void Bars(StringBuilder svg, Chart chart, double band, Func<double, double> y)
    {
        var inner = band * 0.8 / Math.Max(1, chart.Series.Count);
        for (var s = 0; s < chart.Series.Count; s++)
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                var v = chart.Series[s].Values[c];
                var x = Left + c * band + band * 0.1 + s * inner;
                svg.Append(Rect(x, y(v), inner, y(0) - y(v), Palette[s % Palette.Length]));
                if (inner >= 14) svg.Append(Label(x + inner / 2, y(v) - 3, Figures.Number(v), "middle", Ink));
            }
    }

    private static void Lines(StringBuilder svg, Chart chart, double band, Func<double, double> y)
    {
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var points = chart.Series[s].Values.Select((v, c) => $"{N(Left + (c + 0.5) * band)},{N(y(v))}");
            svg.Append(CultureInfo.InvariantCulture,
                $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\" points=\"{string.Join(' ', points)}\"/>");
        }
    }

    /// <summary>A round top for the axis (1, 2, 4, 8 × 10ⁿ: quarters stay whole), so gridlines fall on readable numbers.</summary>
    internal static double Scale(double max)
    {
        if (max <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 4, 8, 10 })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }

    private static string Rect(double x, double y, double w, double h, string fill) =>
        $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(Math.Max(0, h))}\" fill=\"{fill}\"/>";

    private static string Line(double x1, double y1, double x2, double y2, string stroke) =>
        $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\"/>";

    private static string Label(double x, double y, string text, string anchor, string fill, bool bold = false) =>
        $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-size=\"12\"" +
        $"{(bold ? " font-weight=\"700\"" : "")}>{Text(text)}</text>";

    /// <summary>A label cut to its band (about 6.5 units a character at this size); the table gives it whole.</summary>
    internal static string Fit(string label, double width)
    {
        var room = Math.Max(3, (int)(width / 6.5));
        return label.Length <= room ? label : label[..(room - 1)].TrimEnd() + "…";
    }

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Text(string s) => WebUtility.HtmlEncode(s);
}
