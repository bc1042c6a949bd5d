using System.Globalization;
using System.Text;
using CsvHelper;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Reporting;

namespace MentoringFunctions.Reporting;

public static class ReportCsv
{
    /// <summary>
    /// The report's figures, one per row (cohort, section, figure, value, unit): the cohort first, then the rest of its
    /// network. UTF-8 with a byte-order mark, so spreadsheet programs read the currency sign and names right.
    /// </summary>
    public static byte[] Write(IReadOnlyList<ImpactFigures> cohorts, string currency)
    {
        var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "cohort", "section", "figure", "value", "unit" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var c in cohorts)
                foreach (var row in ImpactReport.Rows(c, currency))
                {
                    csv.WriteField(ApplicationCsv.Escape(c.Name));
                    csv.WriteField(row.Section);
                    csv.WriteField(row.Name);
                    csv.WriteField(row.Value);
                    csv.WriteField(row.Unit);
                    csv.NextRecord();
                }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(writer.ToString())];
    }
}
