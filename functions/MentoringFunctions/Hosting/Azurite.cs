using System.Diagnostics;
using System.Net.Sockets;

namespace MentoringFunctions.Hosting;

/// <summary>Where Azurite is installed and how it should run. A null DataDirectory keeps data in memory.</summary>
public sealed record AzuriteOptions(string InstallDirectory, string? DataDirectory, int BlobPort, int QueuePort, int TablePort);

/// <summary>
/// Installs Azurite from npm into a project-local folder (once) and runs it. Used by the local run
/// (ports 10000-10002, data on disk) and by the tests (free ports, in memory): one code path.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string Version = "3.35.0";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private Azurite(Process process, AzuriteOptions options) => (_process, Options) = (process, options);

    public AzuriteOptions Options { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey +
        $";BlobEndpoint=http://127.0.0.1:{Options.BlobPort}/devstoreaccount1" +
        $";QueueEndpoint=http://127.0.0.1:{Options.QueuePort}/devstoreaccount1" +
        $";TableEndpoint=http://127.0.0.1:{Options.TablePort}/devstoreaccount1;";

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromMilliseconds(300)) && client.Connected;
        }
        catch (Exception ex) when (ex is SocketException or AggregateException) { return false; }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<string> EnsureInstalledAsync(string installDirectory, ILogger logger, CancellationToken ct)
    {
        var script = Path.Combine(installDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script)) return script;
        Directory.CreateDirectory(installDirectory);
        logger.LogInformation("Installing Azurite {Version} from npm into {Dir} (once)", Version, installDirectory);
        await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", installDirectory, $"azurite@{Version}"], ct);
        return File.Exists(script) ? script : throw new InvalidOperationException($"npm did not install Azurite into {installDirectory}");
    }

    public static async Task<Azurite> StartAsync(AzuriteOptions options, ILogger logger, CancellationToken ct = default)
    {
        var script = await EnsureInstalledAsync(options.InstallDirectory, logger, ct);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", $"{options.BlobPort}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{options.QueuePort}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{options.TablePort}" })
            start.ArgumentList.Add(arg);
        if (options.DataDirectory is null) start.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(options.DataDirectory);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) logger.LogDebug("azurite: {Line}", e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, options);
        for (var i = 0; i < 300 && !(IsListening(options.QueuePort) && IsListening(options.TablePort)); i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}");
            await Task.Delay(100, ct);
        }
        logger.LogInformation("Azurite started (tables on {Table}, queues on {Queue}, data {Data})",
            options.TablePort, options.QueuePort, options.DataDirectory ?? "in memory");
        return azurite;
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

    private static async Task RunAsync(string file, string[] args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = p.StandardError.ReadToEndAsync(ct);
        _ = p.StandardOutput.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await stderr}");
    }
}
