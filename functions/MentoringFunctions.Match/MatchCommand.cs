using System.Diagnostics;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Match;

/// <summary>
/// Reads the CSV and settings, runs the matcher, and writes the outputs only when everything
/// succeeded: each file is written to a temporary name and moved into place, so a failure never
/// leaves a partial or stale-looking output behind. Exit codes: 0 ok, 1 bad input or settings, 2 usage.
/// </summary>
public static class MatchCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var (command, usageError) = CommandLine.Parse(args);
        if (command is null) { stderr.WriteLine($"match: {usageError}\n{CommandLine.Usage}"); return 2; }

        if (!File.Exists(command.Input)) return Fail(stderr, $"{command.Input}: file not found");
        var settings = MatchSettings.Default;
        if (command.Settings is { } settingsPath)
        {
            if (!File.Exists(settingsPath)) return Fail(stderr, $"{settingsPath}: file not found");
            var (parsed, error) = MatchSettingsJson.Parse(File.ReadAllText(settingsPath));
            if (parsed is null) return Fail(stderr, $"{settingsPath}: {error}");
            settings = parsed;
        }

        IReadOnlyList<Core.Applications.Application> apps;
        using (var reader = new StreamReader(command.Input))
        {
            var (loaded, errors) = ApplicationLoader.Load(reader);
            if (errors.Count > 0) return Fail(stderr, string.Join("\n", errors.Take(50).Select(e => $"{command.Input}: {e}"))
                                                     + (errors.Count > 50 ? $"\n... and {errors.Count - 50} more" : ""));
            apps = loaded;
        }
        var readMs = clock.ElapsedMilliseconds;

        var result = Matcher.Run(apps, settings);
        var matchMs = clock.ElapsedMilliseconds - readMs;
        if (!result.IsValid) return Fail(stderr, string.Join("\n", result.Errors.Select(e => $"settings: {e}")));

        // Both files are complete on disk before either takes its real name.
        var staged = new List<(string Temp, string Final)> { Stage(command.Output, w => MatchOutput.WritePairs(w, result.Pairs)) };
        if (command.Report is { } reportPath)
        {
            var report = new Report(apps.Count, result.Pairs.Count, result.Optimality!, result.Unmatched, result.Both, result.Summary!,
                new Timings(readMs, matchMs, clock.ElapsedMilliseconds), settings);
            staged.Add(Stage(reportPath, w => w.Write(MatchOutput.ReportJson(report))));
        }
        foreach (var (temp, final) in staged) File.Move(temp, final, overwrite: true);

        var o = result.Optimality!;
        stdout.WriteLine($"match: {o.MenteesMatched} of {result.Summary!.Mentees} mentee requests matched " +
                         $"({o.PureMenteesMatched} pure mentees, {o.BothRequestsMatched} \"both\"), total fit {o.TotalFit}, " +
                         $"{(o.Proven ? "proven optimal" : $"NOT proven optimal: up to {o.MaxExtraMatches} more matches possible")}, {matchMs} ms.");
        return 0;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"match: {message}");
        return 1;
    }

    private static (string Temp, string Final) Stage(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        using (var writer = new StreamWriter(temp)) write(writer);
        return (temp, full);
    }
}
