using System.Diagnostics;
using Azure.Data.Tables;
using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

// usage: dotnet MentoringFunctions.AppBench.dll [pairs=10000]
// Seeds a cohort with N published pairs in an in-memory Azurite, then times one timer pass on the
// busiest day of the year (the mid-point: a feedback request and a check-in to every person),
// and a second pass on the same day (a re-run: everything already queued).
// usage: dotnet MentoringFunctions.AppBench.dll import [rows=50000]: see ImportBench.
var root = FindRoot();
if (args.FirstOrDefault() == "import")
{
    await ImportBench.RunAsync(args[1..], root);
    return;
}
var pairs = args.Length > 0 ? int.Parse(args[0]) : 10_000;
await using var azurite = await Azurite.StartAsync(new AzuriteOptions(Path.Combine(root, ".local", "azurite"), null,
    Azurite.FreePort(), Azurite.FreePort(), Azurite.FreePort()), NullLogger.Instance);
var tables = new TableServiceClient(azurite.ConnectionString);
var queues = new QueueClientFactory(new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString,
    new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.None }));
foreach (var t in new[] { StorageNames.Cohorts, StorageNames.Applications, StorageNames.Outbox, StorageNames.OutboxIndex,
             StorageNames.Matches, StorageNames.Feedback,
             StorageNames.Unsubscribes, StorageNames.Sessions, StorageNames.RhythmState, StorageNames.MatchRuns })
    await tables.CreateTableIfNotExistsAsync(t);
await queues.Get(StorageNames.EmailQueue).CreateIfNotExistsAsync();

var clock = new FakeTimeProvider(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero));
var cohort = new Cohort("bench", "Bench cohort", "Europe/London", new(2027, 1, 1), new(2027, 1, 15), new(2027, 2, 1), new(2027, 7, 1),
    new(2028, 1, 31), ["Finance"], Cohort.UkRegions, ["wg@bench.example"], false);
await new CohortRepository(tables).AddAsync(cohort);
var store = new MatchRunStore(tables, new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString));
var seed = Stopwatch.StartNew();
var matchTable = tables.GetTableClient(StorageNames.Matches);
foreach (var batch in Enumerable.Range(0, pairs).Select(i => new MatchEntity
{
    PartitionKey = "bench", RowKey = $"m{i:D6}|e{i:D6}", RunId = "r1", MentorId = $"m{i:D6}", MentorEmail = $"m{i}@bench.example",
    MentorName = $"Mentor {i}", MenteeId = $"e{i:D6}", MenteeEmail = $"e{i}@bench.example", MenteeName = $"Mentee {i}",
    IntroducedAt = clock.GetUtcNow(), FirstMeetingOn = "2027-02-10",
}).Chunk(100))
    await matchTable.SubmitTransactionAsync(batch.Select(m => new TableTransactionAction(TableTransactionActionType.Add, m)));
Console.WriteLine($"seeded {pairs:N0} pairs in {seed.Elapsed.TotalSeconds:0.0} s");

var participation = new ParticipationStore(tables);
await participation.SetLastProcessedAsync("bench", new DateOnly(2027, 6, 30), CancellationToken.None);
var options = new EmailOptions();
var templates = new EmailTemplates(new TemplateRenderer(TemplateRenderer.DefaultRoot), options);
var outbox = new Outbox(tables, queues, clock, NullLogger<Outbox>.Instance);
var tokens = new LinkTokens(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), clock);
var function = new RhythmPass(new CohortRepository(tables), store, participation, new ApplicationRepository(tables),
    new RhythmMail(templates, options, tokens), outbox, clock);

clock.SetUtcNow(new DateTimeOffset(2027, 7, 1, 7, 0, 0, TimeSpan.Zero));   // 08:00 in London (BST)
if (args.Contains("--compose-only"))
{
    var mail = new RhythmMail(templates, options, tokens);
    var facts = new MentoringFunctions.Core.Rhythm.ProgrammeFacts("bench", "Europe/London", cohort.ProgrammeStart, cohort.Midpoint, cohort.ProgrammeEnd, cohort.WorkingGroupEmails,
        Enumerable.Range(0, pairs).Select(i => new MentoringFunctions.Core.Rhythm.ActiveMatch($"m{i:D6}|e{i:D6}", new($"m{i:D6}", $"m{i}@x", "M", false), new($"e{i:D6}", $"e{i}@x", "E", false), new(2027, 2, 1), new(2027, 2, 10))).ToList(),
        new HashSet<(string, MentoringFunctions.Core.Rhythm.FeedbackStage)>());
    var due = MentoringFunctions.Core.Rhythm.ProgrammeRhythm.Due(facts, cohort.Rhythm, new DateOnly(2027, 7, 1), clock.GetUtcNow()).ToList();
    var sw = Stopwatch.StartNew();
    var index = new RhythmIndex(facts);
    var messages = new List<EmailMessage>();
    foreach (var d in due) messages.Add(await mail.ComposeAsync(cohort, d, index, () => null!));
    Console.WriteLine($"composed {due.Count:N0} in {sw.Elapsed.TotalSeconds:0.0} s; {messages.Average(m => m.Html.Length + m.Text.Length):0} chars each");
    sw.Restart();
    Console.WriteLine($"enqueued {await outbox.EnqueueManyAsync(messages):N0} in {sw.Elapsed.TotalSeconds:0.0} s");
    return;
}
var pass = Stopwatch.StartNew();
var queued = await function.RunCohortAsync(cohort, clock.GetUtcNow(), CancellationToken.None);
pass.Stop();
Console.WriteLine($"timer pass over {pairs:N0} active pairs: {queued:N0} e-mails queued in {pass.Elapsed.TotalSeconds:0.0} s");

await participation.SetLastProcessedAsync("bench", new DateOnly(2027, 6, 30), CancellationToken.None);   // force the same day again
var again = Stopwatch.StartNew();
var requeued = await function.RunCohortAsync(cohort, clock.GetUtcNow(), CancellationToken.None);
Console.WriteLine($"the same day again (a re-run): {requeued:N0} e-mails queued in {again.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "MentoringFunctions.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the repository");
}
