using System.Diagnostics;
using System.Globalization;
using MentoringFunctions.Benchmarks;
using MentoringFunctions.Core.Matching;

// One size per process, so peak memory belongs to that size alone.
// usage: bench <size> [--no-greedy] [--k <candidates per mentee>] [--rounds <max certification rounds>] [--window <candidate window>] [--csv <file>] [--equal] [--phases]
var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 63;
var greedy = !args.Contains("--no-greedy");
var settings = MatchSettings.Default;

// Warm up JIT and the native solver on a pilot-sized pool, as a long-running function host would be.
Matcher.Run(PilotPool.Generate(63, seed: 1), settings);

var apps = PilotPool.Generate(size);
if (Array.IndexOf(args, "--csv") is var ci and >= 0)
{
    // Writes the pool as an application CSV (for timing the match command) and stops.
    using var file = new StreamWriter(args[ci + 1]);
    MentoringFunctions.Core.Applications.ApplicationCsv.Write(file, apps);
    return;
}
if (Array.IndexOf(args, "--k") is var ki and >= 0)
    settings = settings with { Engine = settings.Engine with { CandidatesPerMentee = int.Parse(args[ki + 1], CultureInfo.InvariantCulture) } };
if (Array.IndexOf(args, "--rounds") is var ri and >= 0)
    settings = settings with { Engine = settings.Engine with { MaxCertificationRounds = int.Parse(args[ri + 1], CultureInfo.InvariantCulture) } };
if (Array.IndexOf(args, "--window") is var wi and >= 0)
    settings = settings with { Engine = settings.Engine with { CandidateWindow = int.Parse(args[wi + 1], CultureInfo.InvariantCulture) } };
if (args.Contains("--equal")) settings = settings with { BothPriority = BothPriority.Equal };
if (args.Contains("--phases")) { Phases.Run(apps, settings); return; }
GC.Collect();
var clock = Stopwatch.StartNew();
var result = Matcher.Run(apps, settings);
var ms = clock.Elapsed.TotalMilliseconds;
var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
var o = result.Optimality!;
var (gMatched, gFit) = greedy ? Greedy.Run(apps, settings) : (-1, -1L);

Console.WriteLine(string.Join(" | ", new[]
{
    $"| {size:N0}", $"{ms:N0} ms", $"{peakMb:N0} MB",
    $"{o.MenteesMatched:N0} / {result.Summary!.Mentees:N0} ({o.PureMenteesMatched:N0} pure + {o.BothRequestsMatched:N0} both)",
    $"{o.TotalFit:N0}", o.Proven ? "yes" : o.CountsProven ? $"count yes; fit within {o.ObjectiveGap:N0} pts" : $"no (up to {o.MaxExtraMatches} more matches)", $"{o.CandidatePairs:N0}", $"{o.Rounds}",
    greedy ? $"{gMatched:N0}" : "-", greedy ? $"{gFit:N0} |" : "- |",
}));
Console.Error.WriteLine($"method: {o.Method}; {o.Note}");
