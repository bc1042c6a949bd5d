namespace MentoringFunctions.Match;

/// <summary>Parsed arguments of <c>match --input a.csv --output m.csv [--settings s.json] [--report r.json]</c>.</summary>
internal sealed record CommandLine(string Input, string Output, string? Settings, string? Report)
{
    public const string Usage = "usage: match --input applications.csv --output matches.csv [--settings settings.json] [--report report.json]";

    public static (CommandLine? Value, string? Error) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--input" or "--output" or "--settings" or "--report"))
                return (null, $"unknown argument '{name}'");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return (null, $"{name} needs a file name");
            if (!values.TryAdd(name, args[++i])) return (null, $"{name} is given twice");
        }
        if (!values.TryGetValue("--input", out var input)) return (null, "--input is required");
        if (!values.TryGetValue("--output", out var output)) return (null, "--output is required");
        return (new CommandLine(input, output, values.GetValueOrDefault("--settings"), values.GetValueOrDefault("--report")), null);
    }
}
