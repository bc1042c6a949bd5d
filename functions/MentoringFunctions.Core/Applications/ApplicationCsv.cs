using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MentoringFunctions.Core.Applications;

/// <summary>One data line of an application CSV: where it was, what it said, or why it could not be read.</summary>
public sealed record CsvRow(int Line, ApplicationInput Input, string? Error = null);

/// <summary>The result of reading a CSV: its rows, or why the file as a whole cannot be read.</summary>
public sealed record CsvFile(IReadOnlyList<CsvRow> Rows, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// The application export/import format shared by the admin CSV and the match command:
/// <c>id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes</c>.
/// Lists are ';'-separated; role and meeting are case-insensitive; blank capacity means 1.
/// </summary>
public static class ApplicationCsv
{
    public static readonly string[] Header =
    [
        Fields.Id, Fields.Role, Fields.Name, Fields.Email, Fields.Organisation, Fields.YearsInSector, Fields.Region,
        Fields.Meeting, Fields.Offers, Fields.Seeks, Fields.Capacity, Fields.Avoid, Fields.Notes,
    ];

    // Spreadsheet formula injection: exported cells that start like a formula get a leading
    // apostrophe, and reading strips it again, so an export re-imports unchanged.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// Reads the header and rows. By default the first structurally bad row (wrong number of
    /// columns) ends the read with a file error; with <paramref name="stopAtBadRow"/> false it is
    /// returned as a row with an Error, so an import can reject it and carry on.
    /// </summary>
    public static CsvFile Read(TextReader reader, bool stopAtBadRow = true)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false };
        using var csv = new CsvParser(reader, config);
        if (!csv.Read())
            return new CsvFile([], $"line 1: the file is empty; expected the header {string.Join(",", Header)}");
        // A byte order mark (ours on every download, Excel's "CSV UTF-8") is not part of the first column's name.
        var header = csv.Record!.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        for (var i = 0; i < Header.Length; i++)
        {
            var found = i < header.Length ? header[i] : "(missing)";
            if (found != Header[i])
                return new CsvFile([], $"line 1, column {i + 1}: expected '{Header[i]}' but found '{found}'; the header must be {string.Join(",", Header)}");
        }

        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var cells = csv.Record!;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (cells.Length != Header.Length)
            {
                var error = $"line {csv.RawRow}: expected {Header.Length} columns but found {cells.Length}";
                if (stopAtBadRow) return new CsvFile(rows, error);
                rows.Add(new CsvRow(csv.RawRow, new ApplicationInput(), error));
                continue;
            }
            string Cell(string field) => Unescape(cells[Array.IndexOf(Header, field)]);
            rows.Add(new CsvRow(csv.RawRow, new ApplicationInput
            {
                Id = Cell(Fields.Id).Trim(),
                Role = Cell(Fields.Role),
                Name = Cell(Fields.Name),
                Email = Cell(Fields.Email),
                Organisation = Cell(Fields.Organisation),
                YearsInSector = Cell(Fields.YearsInSector),
                Region = Cell(Fields.Region),
                Meeting = Cell(Fields.Meeting),
                Offers = ApplicationInput.SplitList([Cell(Fields.Offers)]),
                Seeks = ApplicationInput.SplitList([Cell(Fields.Seeks)]),
                Capacity = Cell(Fields.Capacity),
                Avoid = ApplicationInput.SplitList([Cell(Fields.Avoid)]),
                Notes = Cell(Fields.Notes),
            }));
        }
        return new CsvFile(rows, null);
    }

    public static void Write(TextWriter writer, IEnumerable<Application> applications)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var a in applications)
        {
            string[] cells =
            [
                a.Id, a.Role.ToText(), a.Name, a.Email, a.Organisation,
                a.YearsInSector.ToString(CultureInfo.InvariantCulture), a.Region, a.Meeting.ToText(),
                string.Join(";", a.Offers), string.Join(";", a.Seeks),
                a.OffersMentoring ? a.Capacity.ToString(CultureInfo.InvariantCulture) : "",
                string.Join(";", a.Avoid), a.Notes,
            ];
            foreach (var cell in cells) csv.WriteField(Escape(cell));
            csv.NextRecord();
        }
        csv.Flush();
    }

    /// <summary>A leading apostrophe on cells a spreadsheet would run as a formula.</summary>
    public static string Escape(string cell) =>
        cell.Length > 0 && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;

    private static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1]) ? cell[1..] : cell;
}
