using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using MentoringFunctions.Imports;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Reporting;
using MentoringFunctions.Privacy;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Security;
using MentoringFunctions.Storage;
using Microsoft.Azure.Functions.Worker.Builder;

// The rhythm as of a date, once, locally (README: "See what the timer will do").
if (RhythmCommand.IsCommand(args))
{
    Environment.ExitCode = await RhythmCommand.RunAsync(args, Program.AddApp, Console.Out);
    return;
}

// Without the Functions host (no Core Tools here), the same function classes run in a small local host.
if (!LocalHost.StartedByFunctionsHost(args))
{
    await LocalHost.RunAsync(args, Program.AddApp);
    return;
}

var host = Program.CreateWorkerBuilder(args).Build();
await host.Services.InitializeStorageAsync();
await host.RunAsync();

public partial class Program
{
    /// <summary>The isolated worker: HTTP through ASP.NET Core integration, then the app's services.</summary>
    public static FunctionsApplicationBuilder CreateWorkerBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<SecurityHeadersMiddleware>();
        AddApp(builder.Services, builder.Configuration, builder.Environment);
        return builder;
    }

    /// <summary>The app's services: the same graph under the Functions host and the local host.</summary>
    public static void AddApp(IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var functions = FunctionApp.Load(config);
        services
            .AddPlatform(functions)
            .AddTelemetry(config)
            .AddStorage(config, functions.Queues)
            .AddAdmin(config, env)
            .AddRateLimits(config)
            .AddPages(config)
            .AddEmail(config, env)
            .AddCohorts()
            .AddApplications()
            .AddImports()
            .AddMatchRuns(config)
            .AddRhythm(config, env)
            .AddReporting(config)
            .AddPrivacy(config);
    }
}
