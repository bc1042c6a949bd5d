namespace MentoringFunctions.Tests.Infrastructure;

public static class Paths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Azurite is installed here once (by the test command or the first fixture) and shared.</summary>
    public static string AzuriteInstall => Path.Combine(RepoRoot, ".local", "azurite");

    public static string AppProject => Path.Combine(RepoRoot, "functions", "MentoringFunctions");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MentoringFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("MentoringFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
