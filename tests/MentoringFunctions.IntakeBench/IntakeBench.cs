using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Data.Tables;
using MentoringFunctions.Hosting;
using MentoringFunctions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentoringFunctions.IntakeBench;

/// <summary>
/// usage: dotnet MentoringFunctions.IntakeBench.dll [rounds=5] [per-round=640] [concurrency=64] [--notify-working-group]
/// Starts its own Azurite and the app (the local host over the real function classes, rate limits
/// raised by configuration), then alternates rounds of raw single-entity inserts and of new
/// applications POSTed over HTTP, each at the same concurrency, after one warm-up round of each.
/// Reports the median throughput of each, their ratio, and the applications' p50/p99 latency.
/// </summary>
public static class IntakeBench
{
    public static async Task Main(string[] args)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
        var rounds = numbers.Length > 0 ? numbers[0] : 5;
        var perRound = numbers.Length > 1 ? numbers[1] : 640;
        var concurrency = numbers.Length > 2 ? numbers[2] : 64;
        var root = FindRoot();
        await using var azurite = await Azurite.StartAsync(new AzuriteOptions(Path.Combine(root, ".local", "azurite"), null,
            Azurite.FreePort(), Azurite.FreePort(), Azurite.FreePort()), NullLogger.Instance);
        var port = Azurite.FreePort();
        var mail = Path.Combine(Path.GetTempPath(), "intake-bench-" + Guid.NewGuid().ToString("N"));
        string[] settings =
        [
            $"--urls=http://127.0.0.1:{port}", $"--AzureWebJobsStorage={azurite.ConnectionString}",
            "--Admin:Key=bench-admin-key", "--Links:Secret=bench-links-secret", "--LocalHost:Enabled=false",
            "--Telemetry:Console=false", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Azure.Core=Error", $"--Email:PickupDirectory={mail}",
            "--RateLimits:Apply:Permits=100000000", "--RateLimits:ApplyAddress:Permits=100000000",
        ];
        await using var app = LocalHost.Build(settings, Program.AddApp);
        await app.Services.InitializeStorageAsync();
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "bench-admin-key");
        // Without a working group the cohort sends no "new application" note: what that note costs.
        var cohort = await CreateCohortAsync(http, notify: args.Contains("--notify-working-group"));
        var raw = new TableServiceClient(azurite.ConnectionString).GetTableClient("rawinserts");
        await raw.CreateIfNotExistsAsync();

        Console.WriteLine($"intake bench: {rounds} rounds x {perRound} at {concurrency} concurrent (after a warm-up of each)");
        var next = 0;
        var (rawRates, appRates, latencies) = (new List<double>(), new List<double>(), new List<double>());
        var cpu = new CpuMeter(azurite.Options.TablePort);
        var (rawCpu, appCpu) = (new List<(double Storage, double Self)>(), new List<(double Storage, double Self)>());
        for (var round = 0; round <= rounds; round++)
        {
            cpu.Mark();
            var r = await RunAsync(perRound, concurrency, _ => InsertAsync(raw, Interlocked.Increment(ref next)));
            var rc = cpu.Mark();
            var a = await RunAsync(perRound, concurrency, _ => ApplyAsync(http, cohort, Interlocked.Increment(ref next)));
            var ac = cpu.Mark();
            var label = round == 0 ? "warm-up" : $"round {round}";
            Console.WriteLine($"{label}: raw inserts {r.Rate,7:0.0}/s; applications {a.Rate,7:0.0}/s " +
                $"(p50 {Percentile(a.Latencies, 50),6:0} ms, p99 {Percentile(a.Latencies, 99),6:0} ms, {a.Failures} failed)");
            if (round == 0) continue;   // the warm-up's figures are JIT and first-connection costs
            rawCpu.Add((rc.Storage / perRound, rc.Self / perRound));
            appCpu.Add((ac.Storage / perRound, ac.Self / perRound));
            rawRates.Add(r.Rate);
            appRates.Add(a.Rate);
            latencies.AddRange(a.Latencies);
        }
        var (rawMedian, appMedian) = (Median(rawRates), Median(appRates));
        Console.WriteLine($"median raw inserts {rawMedian:0.0}/s (range {rawRates.Min():0.0}-{rawRates.Max():0.0}); " +
            $"median applications {appMedian:0.0}/s (range {appRates.Min():0.0}-{appRates.Max():0.0})");
        Console.WriteLine($"ratio {rawMedian / appMedian:0.00}x; application latency p50 {Percentile(latencies, 50):0} ms, " +
            $"p99 {Percentile(latencies, 99):0} ms over {latencies.Count} requests");
        // CPU time per operation does not depend on what else the machine runs, as the throughput does.
        var (rs, ro) = (Median(rawCpu.Select(c => c.Storage).ToList()), Median(rawCpu.Select(c => c.Self).ToList()));
        var (aps, apo) = (Median(appCpu.Select(c => c.Storage).ToList()), Median(appCpu.Select(c => c.Self).ToList()));
        Console.WriteLine($"CPU per raw insert {rs + ro:0.00} ms (Azurite {rs:0.00}, this process {ro:0.00}); per application " +
            $"{aps + apo:0.00} ms (Azurite {aps:0.00}, this process {apo:0.00}); ratio {(aps + apo) / (rs + ro):0.00}x, " +
            $"Azurite alone {aps / rs:0.00}x (medians over rounds)");
        // Pollers are off, so every prompt-delivery message is still there: how many e-mails shared each.
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, StorageNames.EmailQueue);
        var messages = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Console.WriteLine($"prompt-delivery queue messages: {messages} for {next / 2} applications (warm-up included)");
        await app.StopAsync();
        if (Directory.Exists(mail)) Directory.Delete(mail, true);
    }

    /// <summary>CPU milliseconds used by Azurite (the node process serving the table port) and by this process.</summary>
    private sealed class CpuMeter(int tablePort)
    {
        private readonly Process _azurite = Process.GetProcessesByName("node").Single(p =>
            File.ReadAllText($"/proc/{p.Id}/cmdline").Replace('\0', ' ').Contains($"--tablePort {tablePort} "));
        private (double Storage, double Self) _last;

        /// <summary>What was used since the last mark.</summary>
        public (double Storage, double Self) Mark()
        {
            _azurite.Refresh();
            using var self = Process.GetCurrentProcess();
            var now = (_azurite.TotalProcessorTime.TotalMilliseconds, self.TotalProcessorTime.TotalMilliseconds);
            var used = (now.Item1 - _last.Storage, now.Item2 - _last.Self);
            _last = now;
            return used;
        }
    }

    private sealed record Round(double Rate, List<double> Latencies, int Failures);

    private static async Task<Round> RunAsync(int count, int concurrency, Func<int, Task<bool>> one)
    {
        var latencies = new List<double>(count);
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) =>
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await one(i);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies) latencies.Add(ms);
                if (!ok) Interlocked.Increment(ref failures);
            });
        return new Round(count / clock.Elapsed.TotalSeconds, latencies, failures);
    }

    /// <summary>An entity of about an application's size, so the two sides store comparable rows.</summary>
    private static async Task<bool> InsertAsync(TableClient table, int n)
    {
        await table.AddEntityAsync(new TableEntity("bench", $"person{n}~40bench.example")
        {
            ["Id"] = $"a{n:x11}", ["Role"] = "mentee", ["Name"] = $"Person {n}", ["Email"] = $"person{n}@bench.example",
            ["Organisation"] = "Org A", ["YearsInSector"] = 3, ["Region"] = "North West", ["Meeting"] = "either",
            ["Offers"] = "", ["Seeks"] = "Finance;Policy", ["Capacity"] = 0, ["Avoid"] = "", ["Notes"] = "",
            ["Source"] = "api", ["Version"] = 1, ["Status"] = "active",
        });
        return true;
    }

    private static async Task<bool> ApplyAsync(HttpClient http, string cohort, int n)
    {
        using var response = await http.PostAsJsonAsync("/api/applications", new Dictionary<string, object>
        {
            ["cohort"] = cohort, ["role"] = "mentee", ["name"] = $"Person {n}", ["email"] = $"person{n}@bench.example",
            ["organisation"] = "Org A", ["years_in_sector"] = 3, ["region"] = "North West", ["meeting"] = "either",
            ["seeks"] = new[] { "Finance", "Policy" }, ["consent"] = true,
        });
        return response.IsSuccessStatusCode;
    }

    private static async Task<string> CreateCohortAsync(HttpClient http, bool notify)
    {
        var response = await http.PostAsJsonAsync("/api/cohorts", new
        {
            id = "intake", name = "Intake bench", applicationsOpen = DateOnly.FromDateTime(DateTime.Today.AddDays(-1)),
            applicationsClose = DateOnly.FromDateTime(DateTime.Today.AddDays(30)),
            programmeStart = DateOnly.FromDateTime(DateTime.Today.AddDays(40)),
            midpoint = DateOnly.FromDateTime(DateTime.Today.AddDays(200)),
            programmeEnd = DateOnly.FromDateTime(DateTime.Today.AddDays(400)),
            topics = new[] { "Finance", "Procurement", "Policy" },
            workingGroupEmails = new[] { "wg@bench.example" },
            notifyWorkingGroup = notify,
        });
        response.EnsureSuccessStatusCode();
        return "intake";
    }

    private static double Median(List<double> values) => Percentile(values, 50);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MentoringFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the repository");
    }
}
