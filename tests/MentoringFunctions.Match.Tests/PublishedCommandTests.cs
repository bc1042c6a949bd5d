using System.Diagnostics;

namespace MentoringFunctions.Match.Tests;

/// <summary>
/// OR-Tools ships ~94 MB of native code that is known to fail to load in some deployments
/// (google/or-tools #889, #1204), so run the command the way it ships: `dotnet publish` output,
/// started as a separate process.
/// </summary>
public class PublishedCommandTests
{
    // Portable output (native libraries under runtimes/<rid>/native) and the RID-specific layout
    // a Functions deployment uses (native libraries next to the app).
    [Theory]
    [InlineData(null)]
    [InlineData("linux-x64")]
    public void Published_command_loads_the_native_solver_and_matches(string? runtime)
    {
        if (runtime is not null && !(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64))
            return;
        using var files = new Files();
        var project = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../functions/MentoringFunctions.Match/MentoringFunctions.Match.csproj"));
        var publishDir = files.Path("publish");
        string[] rid = runtime is null ? [] : ["-r", runtime, "--self-contained", "false"];
        var publish = Start("dotnet", ["publish", project, "-c", "Release", "-o", publishDir, "--nologo", "-v", "q", .. rid]);
        Assert.True(publish.Code == 0, publish.Output);

        var exe = Path.Combine(publishDir, OperatingSystem.IsWindows() ? "match.exe" : "match");
        Assert.True(File.Exists(exe), $"no {exe} in the publish output");
        var run = Start(exe, ["--input", files.Write("in.csv", Files.Cohort), "--output", files.Path("out.csv"), "--report", files.Path("r.json")]);

        Assert.True(run.Code == 0, run.Output);
        Assert.Contains("proven optimal", run.Output);
        Assert.Equal(4, File.ReadAllLines(files.Path("out.csv")).Length);
    }

    private static (int Code, string Output) Start(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(entireProcessTree: true); return (-1, "timed out"); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
