using NCrontab;

namespace MentoringFunctions.Hosting;

/// <summary>
/// The local host's timer triggers: fires each timer function in functions.metadata on its
/// six-field NCRONTAB schedule, in UTC as Azure does by default, one invocation at a time.
/// </summary>
public sealed class LocalTimerScheduler(FunctionApp app, IServiceScopeFactory scopes, TimeProvider time,
    ILogger<LocalTimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(app.Timers.Select(f => RunAsync(new FunctionInvoker(f, typeof(LocalHost).Assembly), stoppingToken)));

    /// <summary>One timer's loop; the first wait is registered before this returns, so a fake clock can drive it.</summary>
    internal async Task RunAsync(FunctionInvoker invoker, CancellationToken ct)
    {
        var trigger = invoker.Function.Trigger;
        var schedule = CrontabSchedule.Parse(trigger.Schedule!, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        logger.LogInformation("Local timer {Function} on schedule '{Schedule}'", invoker.Function.Name, trigger.Schedule);
        DateTime? last = null;
        if (trigger.RunOnStartup) last = await FireAsync(invoker, schedule, last, ct);
        while (!ct.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
            // Timers may wake a few milliseconds early; a daily run must not see the day before.
            for (var now = time.GetUtcNow().UtcDateTime; now < next; now = time.GetUtcNow().UtcDateTime)
            {
                try { await Task.Delay(next - now, time, ct); }
                catch (OperationCanceledException) { return; }
            }
            last = await FireAsync(invoker, schedule, last, ct);
        }
    }

    private async Task<DateTime> FireAsync(FunctionInvoker invoker, CrontabSchedule schedule, DateTime? last, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var timer = new TimerInfo
        {
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
            IsPastDue = false,
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await invoker.InvokeAsync(scope.ServiceProvider, new TriggerInput(Timer: timer), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the run in progress is abandoned, as the host abandons it on shutdown; the loop ends quietly.
        }
        catch (Exception ex)
        {
            // As in Azure: a failed timer run is logged and the schedule goes on (no retry policy).
            logger.LogError(ex, "{Function} failed", invoker.Function.Name);
        }
        return now;
    }
}
