using System.Diagnostics;
using System.Text;

namespace MentoringFunctions.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PublishedCollection : ICollectionFixture<PublishedApp>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "published";
}

/// <summary>
/// The app as deployed: `dotnet publish` once, then run the published MentoringFunctions.dll as
/// its own process, either as the Functions host would start it or standalone.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "mf-publish-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", Paths.AppProject, "-c", "Release", "-o", Directory, "--nologo" }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await output}\n{await error}");
    }

    public Task DisposeAsync()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    public Task<AppProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment) =>
        AppProcess.StartAsync(Directory, port, environment);
}

public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppProcess(Process process, string baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    public string BaseUrl { get; }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static async Task<AppProcess> StartAsync(string directory, int port, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(directory, "MentoringFunctions.dll"));
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var app = new AppProcess(Process.Start(info)!, $"http://127.0.0.1:{port}");
        app._process.OutputDataReceived += (_, e) => { lock (app._log) app._log.AppendLine(e.Data); };
        app._process.ErrorDataReceived += (_, e) => { lock (app._log) app._log.AppendLine(e.Data); };
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();

        // Readiness as the Functions host checks it: any HTTP answer to GET / (30 s allowed).
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (app._process.HasExited) throw new InvalidOperationException($"The app exited ({app._process.ExitCode}):\n{app.Log}");
            try
            {
                await http.GetAsync(app.BaseUrl + "/");
                return app;
            }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"The app did not answer GET / within 30 s:\n{app.Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
