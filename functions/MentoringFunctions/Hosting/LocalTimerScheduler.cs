using System.Text.Json;
using NCrontab;

namespace MentoringFunctions.Hosting;

/// <summary>
/// Stand-in for the host's timer triggers when running without it: fires each timer
/// function.json schedule (six-field CRON, UTC, as Azure does by default) with the host's envelope.
/// </summary>
public sealed class LocalTimerScheduler(
    FunctionManifest manifest, IEnumerable<IFunction> functions, TimeProvider time, ILogger<LocalTimerScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionManifest.WithHandlers(manifest.Timers, functions).Select(x => RunAsync(x.Definition, x.Function, stoppingToken)));

    /// <summary>One timer's loop; the first wait is registered before this returns, so a fake clock can drive it.</summary>
    internal async Task RunAsync(FunctionDefinition definition, IFunction function, CancellationToken ct)
    {
        var schedule = CrontabSchedule.Parse(definition.Trigger.Schedule!, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        logger.LogInformation("Local timer {Function} on schedule '{Schedule}'", definition.Name, definition.Trigger.Schedule);
        var last = (DateTime?)null;
        if (definition.Trigger.RunOnStartup) await FireAsync(function, schedule, last, ct);
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try { await Task.Delay(next - now, time, ct); }
            catch (OperationCanceledException) { return; }
            last = await FireAsync(function, schedule, last, ct);
        }
    }

    private async Task<DateTime> FireAsync(IFunction function, CrontabSchedule schedule, DateTime? last, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var timer = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last ?? DateTime.MinValue, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
            IsPastDue = false,
        };
        var request = new InvocationRequest(
            new Dictionary<string, JsonElement> { ["timer"] = JsonSerializer.SerializeToElement(timer) },
            new Dictionary<string, JsonElement> { ["sys"] = JsonSerializer.SerializeToElement(new { MethodName = function.Name, UtcNow = now }) });
        await FunctionInvocationEndpoints.InvokeSafelyAsync(function, request, logger, ct);
        return now;
    }
}
