using System.Globalization;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Text;
using MentoringFunctions.Email;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Hosting;

/// <summary>What the command line asked for: the date to run as of, one cohort or all, and whether to send.</summary>
public sealed record RhythmCommandOptions(DateOnly AsOf, string? Cohort, bool DryRun);

/// <summary>
/// <c>dotnet run --project functions/MentoringFunctions -- rhythm --as-of 2027-03-01 [--cohort id] [--dry-run]</c>:
/// the daily timer's pass, run once locally as if it were 08:00 UTC on that date, then the outbox's delivery on the
/// same clock (so the .eml files appear at once). With --dry-run it prints what it would send and writes nothing.
/// It is the timer's own code on a clock set to the date, so a working group can try a year without waiting for it.
/// </summary>
public static class RhythmCommand
{
    public const string Verb = "rhythm";

    public const string Usage = "Usage: rhythm --as-of YYYY-MM-DD [--cohort <id>] [--dry-run]";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>The options, or the reason the arguments are wrong (said to the person, with the usage).</summary>
    public static (RhythmCommandOptions? Options, string Error) Parse(IReadOnlyList<string> args)
    {
        DateOnly? asOf = null;
        string? cohort = null;
        var dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--as-of" when value is not null && DateOnly.TryParseExact(value, "yyyy-MM-dd",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                    asOf = d;
                    i++;
                    break;
                case "--as-of":
                    return (null, "--as-of needs a date as YYYY-MM-DD.");
                case "--cohort" when !string.IsNullOrWhiteSpace(value) && !value.StartsWith("--", StringComparison.Ordinal):
                    cohort = value;
                    i++;
                    break;
                case "--cohort":
                    return (null, "--cohort needs a cohort id.");
                case "--dry-run":
                    dryRun = true;
                    break;
                default:
                    return (null, $"Unknown argument '{args[i]}'.");
            }
        }
        return asOf is { } date ? (new RhythmCommandOptions(date, cohort, dryRun), "") : (null, "--as-of is required.");
    }

    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection, IConfiguration, IHostEnvironment> addApp,
        TextWriter output)
    {
        var (options, error) = Parse(args.Skip(1).ToList());
        if (options is null)
        {
            await output.WriteLineAsync($"{error}\n{Usage}");
            return 2;
        }
        var clock = new AsOfTimeProvider(new DateTimeOffset(options.AsOf.ToDateTime(RhythmPreview.TimerTime), TimeSpan.Zero));
        // The local host without its timers or queue polling, on a port of its own, with the clock set to the date.
        await using var app = LocalHost.Build(["--LocalHost:Enabled=false", "--urls=http://127.0.0.1:0",
            "--Telemetry:Console=false", "--Logging:LogLevel:Default=Warning"], (services, config, env) =>
        {
            addApp(services, config, env);
            services.AddSingleton<TimeProvider>(clock);
        });
        await app.StartLocalStorageAsync();
        await app.Services.InitializeStorageAsync();
        await app.StartAsync();
        try
        {
            return await RunPassAsync(app.Services, options, clock, output);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<int> RunPassAsync(IServiceProvider services, RhythmCommandOptions options, TimeProvider clock,
        TextWriter output)
    {
        var cohorts = services.GetRequiredService<CohortRepository>();
        var pass = services.GetRequiredService<RhythmPass>();
        IReadOnlyList<Cohort> chosen = options.Cohort is not { } id ? await cohorts.ListAsync()
            : await cohorts.GetAsync(id) is { Cohort: var one } ? [one] : [];
        if (chosen.Count == 0)
        {
            await output.WriteLineAsync(options.Cohort is null ? "No cohorts." : $"No cohort '{options.Cohort}'.");
            return 1;
        }
        var now = clock.GetUtcNow();
        var dry = options.DryRun ? " (dry run: nothing is written)" : "";
        await output.WriteLineAsync($"Rhythm as of {now:yyyy-MM-dd HH:mm} UTC{dry}");
        foreach (var cohort in chosen)
        {
            if (!options.DryRun)
            {
                var queued = await pass.RunCohortAsync(cohort, now, default);
                await output.WriteLineAsync(
                    $"{cohort.Id}: {(queued is { } n ? Plural.Of(n, "e-mail") + " queued" : "outside its programme window")}");
                continue;
            }
            if (await pass.PlanAsync(cohort, now, null, default) is not { } plan)
            {
                await output.WriteLineAsync($"{cohort.Id}: outside its programme window");
                continue;
            }
            var days = plan.Days.Count == 0 ? "no days left to process"
                : $"{plan.Days[0]:yyyy-MM-dd} to {plan.Days[^1]:yyyy-MM-dd}";
            await output.WriteLineAsync($"{cohort.Id}: {Plural.Of(plan.Messages.Count, "e-mail")} for {days}");
            foreach (var m in plan.Messages.OrderBy(m => m.Kind, StringComparer.Ordinal)
                         .ThenBy(m => m.ToEmail, StringComparer.Ordinal))
                await output.WriteLineAsync($"  {m.Kind,-26} {m.ToEmail,-32} {m.Subject}");
        }
        if (options.DryRun) return 0;
        var delivered = await services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(default);
        await output.WriteLineAsync("Delivered: " + (delivered.Outcomes.Count == 0 ? "nothing due"
            : string.Join(", ", delivered.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))));
        if (services.GetRequiredService<IEmailSender>() is PickupDirectoryEmailSender pickup)
            await output.WriteLineAsync($"E-mails are in {pickup.Directory}");
        return 0;
    }
}

/// <summary>The wall clock moved to another instant: time still passes (leases, retries), from that instant.</summary>
public sealed class AsOfTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = TimeProvider.System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + TimeProvider.System.GetElapsedTime(_started);
}
