using System.Diagnostics;
using System.Reflection;

namespace MentoringFunctions.Infra.Tests;

/// <summary>Runs the Bicep CLI that restore unpacked into the NuGet packages folder.</summary>
public static class Bicep
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Infra(string relative) => Path.Combine(RepoRoot, "infra", relative);

    public static string Executable { get; } = PrepareExecutable();

    public static Result Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        // Read both streams concurrently: a full stderr pipe would otherwise stall the process.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} took over two minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Result Run(params string[] args) => Run(null, args);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MentoringFunctions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No MentoringFunctions.sln above {AppContext.BaseDirectory}");
    }

    private static string PrepareExecutable()
    {
        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI from Azure.Bicep.CommandLine.linux-x64 is not at '{path}': restore this project.");
        }
        // NuGet does not promise to keep the executable bit when it extracts a package.
        if (OperatingSystem.IsWindows()) return path;
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute)) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        return path;
    }
}
