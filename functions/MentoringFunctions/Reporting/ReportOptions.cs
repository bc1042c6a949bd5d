using System.Globalization;

namespace MentoringFunctions.Reporting;

/// <summary>
/// Reports:HourlyRate values mentors' hours for schemes that pay them (unset: no value shown; a report's ?rate=
/// overrides it), in Reports:Currency (default £).
/// </summary>
public sealed record ReportOptions(decimal? HourlyRate, string Currency)
{
    public const decimal MaxRate = 10_000m;

    public static ReportOptions From(IConfiguration config) =>
        new(Rate(config["Reports:HourlyRate"]) is { Valid: true, Rate: var r } ? r : null,
            config["Reports:Currency"] is { Length: > 0 } c ? c : "£");

    /// <summary>A rate as typed: empty means none; otherwise 0 to 10,000 with at most two decimal places.</summary>
    public static (bool Valid, decimal? Rate) Rate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (true, null);
        return decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
            && rate <= MaxRate && decimal.Round(rate, 2) == rate ? (true, rate) : (false, null);
    }
}
