using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Hosting;
using MentoringFunctions.Imports;
using MentoringFunctions.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// usage: dotnet MentoringFunctions.AppBench.dll import [rows=50000] [--csv file] [--sample 1000] [--one-partition]
/// In a fresh in-memory Azurite, side by side: the import job (upload, then the queue function's whole run) into a
/// cohort; raw batched inserts of the same entities into another cohort's partitions; optionally the same inserts
/// into one partition (Azurite's cost per insert grows with its partition); and the old per-row path on a sample.
/// </summary>
public static class ImportBench
{
    public static async Task RunAsync(string[] args, string root)
    {
        var rows = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 50_000;
        var sample = Option(args, "--sample") is { } s ? int.Parse(s) : 1_000;
        var csv = Option(args, "--csv") is { } file ? await File.ReadAllBytesAsync(file) : Generate(rows);
        await using var azurite = await Azurite.StartAsync(new AzuriteOptions(Path.Combine(root, ".local", "azurite"), null,
            Azurite.FreePort(), Azurite.FreePort(), Azurite.FreePort()), NullLogger.Instance);
        var tables = new TableServiceClient(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var queues = new QueueClientFactory(new QueueServiceClient(azurite.ConnectionString,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));
        foreach (var t in new[] { StorageNames.Cohorts, StorageNames.Applications, StorageNames.ImportJobs })
            await tables.CreateTableIfNotExistsAsync(t);
        await blobs.GetBlobContainerClient(StorageNames.ImportFiles).CreateIfNotExistsAsync();
        await queues.Get(StorageNames.ImportQueue).CreateIfNotExistsAsync();

        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var cohorts = new CohortRepository(tables);
        foreach (var id in new[] { "bench", "sample" })
            await cohorts.AddAsync(new Cohort(id, "Bench cohort", "Europe/London", new(2027, 1, 1), new(2027, 1, 31),
                new(2027, 2, 15), new(2027, 8, 15), new(2028, 2, 15), Topics, Cohort.UkRegions, ["wg@bench.example"], false));
        var applications = new ApplicationRepository(tables);
        var jobs = new ImportJobStore(tables);
        var files = new ImportFiles(blobs);
        var app = new FunctionApp([], new QueueHostSettings(5, TimeSpan.FromSeconds(30), Base64: false), "");
        var run = new RunImport(jobs, files, cohorts, applications, new ApplicationBatches(tables), app, queues, clock,
            new ConsoleLog<RunImport>());
        Console.WriteLine($"{rows:N0} rows, {csv.Length / 1024.0 / 1024:0.0} MB of CSV");

        var total = Stopwatch.StartNew();
        var accepted = (StartOutcome.Accepted)await new StartImport(jobs, files, queues, clock)
            .StartAsync("bench", "bench.csv", csv, null, CancellationToken.None);
        var upload = total.Elapsed;
        var outcome = await run.RunAsync($"{{\"cohort\":\"bench\",\"jobId\":\"{accepted.Job.Id}\"}}", 1, CancellationToken.None);
        total.Stop();
        var job = (await jobs.GetAsync("bench", accepted.Job.Id, CancellationToken.None))!;
        Console.WriteLine(outcome);
        Report("import job (upload + queue function)", job.Added, total.Elapsed, $"upload answered in {upload.TotalSeconds:0.00} s");

        // The same entities as the job wrote, as raw batched inserts: the storage's own cost.
        var written = (await applications.ListAsync("bench")).Select(a => a with { Cohort = "raw" }).ToList();
        var raw = await InsertAsync(tables, written.Select(ApplicationEntity.From).ToList());
        Report($"raw batched inserts, {ApplicationEntity.Buckets} partitions", written.Count, raw, "the app's own layout");
        if (args.Contains("--one-partition"))   // the layout before the buckets: quadratic on Azurite, minutes at 50,000
        {
            var one = written.Select(a => { var e = ApplicationEntity.From(a); e.PartitionKey = "raw-one"; return e; }).ToList();
            Report("raw batched inserts, one partition", one.Count, await InsertAsync(tables, one), "the layout before");
        }

        var cohort = (await cohorts.GetAsync("sample"))!.Value.Cohort;
        using var reader = new StringReader(Encoding.UTF8.GetString(csv));
        var plan = ImportApplications.Plan(cohort, ApplicationCsv.Read(reader, false), [], clock.GetUtcNow())
            .Where(p => p.Write is not null).Take(sample).ToList();
        var perRow = Stopwatch.StartNew();
        foreach (var p in plan)
            await SaveApplication.SaveAsync(applications, new RetryBackoff(), "sample", p.Write!.Application, "import", false,
                clock.GetUtcNow(), default);
        Report("old per-row path (a sample)", plan.Count, perRow.Elapsed,
            $"{rows / (plan.Count / perRow.Elapsed.TotalSeconds):0} s extrapolated to {rows:N0} rows");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
    }

    private static readonly string[] Topics = ["Finance", "Procurement", "Policy", "Heat network design", "Career development"];

    private static async Task<TimeSpan> InsertAsync(TableServiceClient tables, IReadOnlyList<ApplicationEntity> entities)
    {
        var table = tables.GetTableClient(StorageNames.Applications);
        var clock = Stopwatch.StartNew();
        foreach (var batch in entities.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(100)))
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        return clock.Elapsed;
    }

    private static void Report(string what, int count, TimeSpan time, string note) =>
        Console.WriteLine($"{what,-40} {count,7:N0} rows {time.TotalSeconds,7:0.0} s {count / time.TotalSeconds,7:0} rows/s  {note}");

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>Distinct people: a third mentors (with capacity), the rest mentees, over the cohort's topics and regions.</summary>
    private static byte[] Generate(int rows)
    {
        var random = new Random(2027);
        var csv = new StringBuilder(string.Join(",", ApplicationCsv.Header)).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var mentor = i % 3 == 0;
            var topic = Topics[random.Next(Topics.Length)];
            var region = Cohort.UkRegions[random.Next(Cohort.UkRegions.Count)];
            csv.Append($",{(mentor ? "mentor" : "mentee")},Person {i},person{i}@bench.example,Org {random.Next(400)}," +
                $"{(mentor ? 10 + random.Next(20) : random.Next(10))},{region},online,{(mentor ? topic : "")}," +
                $"{(mentor ? "" : topic)},{(mentor ? 1 + random.Next(3) : "")},,\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}

/// <summary>The job's own log lines (where its time goes), on the console.</summary>
internal sealed class ConsoleLog<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel level) => true;
    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel level, Microsoft.Extensions.Logging.EventId id, TState state,
        Exception? exception, Func<TState, Exception?, string> formatter) => Console.WriteLine("  " + formatter(state, exception));
}
