namespace MentoringFunctions.Infra.Tests;

/// <summary>The template compiles and lints clean offline. Bicep reports a misspelt property only as
/// a warning (BCP037/BCP089) and still exits 0, so any diagnostic at all counts as a failure.</summary>
public class BicepCliTests
{
    [Fact]
    public void Build_reports_no_warnings_or_errors()
    {
        var result = Bicep.Run("build", Bicep.Infra("main.bicep"), "--stdout");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.True(string.IsNullOrWhiteSpace(result.StdErr), $"bicep build diagnostics:\n{result.StdErr}");
        Assert.StartsWith("{", result.StdOut.TrimStart());
    }

    [Fact]
    public void Lint_reports_nothing()
    {
        var result = Bicep.Run("lint", Bicep.Infra("main.bicep"));

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var output = result.StdOut + result.StdErr;
        Assert.True(string.IsNullOrWhiteSpace(output), $"bicep lint:\n{output}");
    }

    [Fact]
    public void Parameter_file_builds_when_the_secrets_are_in_the_environment()
    {
        // Made-up values of the lengths main.bicep demands; the real ones never live in a file.
        var environment = new Dictionary<string, string>
        {
            ["ADMIN_KEY"] = new string('a', 48),
            ["LINKS_SECRET"] = new string('b', 64),
            ["SENDGRID_API_KEY"] = "SG.example",
        };

        var result = Bicep.Run(environment, "build-params", Bicep.Infra("main.bicepparam"), "--stdout");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.True(string.IsNullOrWhiteSpace(result.StdErr), $"bicep build-params diagnostics:\n{result.StdErr}");
    }

    [Fact]
    public void No_registry_modules_which_cannot_resolve_offline()
    {
        var infra = Path.Combine(Bicep.RepoRoot, "infra");
        var offenders = Directory.EnumerateFiles(infra, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("br/public:", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Bicep.RepoRoot, f))
            .ToList();

        Assert.Empty(offenders);
    }
}
