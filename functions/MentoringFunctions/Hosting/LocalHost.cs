using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Hosting;

public sealed class LocalHostOptions
{
    /// <summary>Timers and queue polling; tests switch them off and call the functions themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the poller waits when a queue is empty (the host backs off up to a minute).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a received message stays invisible while its handler runs.</summary>
    public TimeSpan ProcessingVisibility { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// The app without Core Tools: a small host over the same function classes, driven by the built
/// functions.metadata. HTTP triggers become routes, timers fire on their NCRONTAB schedules and
/// queues are polled with host.json's settings. For development and tests only; in Azure the
/// Functions host does all of this and the worker runs under it.
/// </summary>
public static class LocalHost
{
    public const string RunningKey = "LocalHost:Running";

    /// <summary>
    /// The Functions host starts the worker with its gRPC endpoint on the command line; in Azure (also in
    /// Flex's placeholder mode) the App Service variables are set too. Only then does the program become
    /// the worker: running the local host in Azure would serve nothing the host could reach.
    /// </summary>
    public static bool StartedByFunctionsHost(string[] args) =>
        args.Any(a => a is "--functions-uri" or "--host" or "--functions-worker-id") ||
        new[] { "Functions__Worker__HostEndpoint", "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_SITE_NAME" }
            .Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));

    public static bool IsLocalHost(this IConfiguration config) => config.GetValue(RunningKey, false);

    public static WebApplication Build(string[] args, Action<IServiceCollection, IConfiguration, IHostEnvironment> addApp)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration[RunningKey] = "true";
        builder.Configuration["Telemetry:Console"] ??= "true";
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:7071");
        addApp(builder.Services, builder.Configuration, builder.Environment);
        var section = builder.Configuration.GetSection("LocalHost");
        builder.Services.Configure<LocalHostOptions>(section);
        if ((section.Get<LocalHostOptions>() ?? new LocalHostOptions()).Enabled)
            builder.Services.AddHostedService<LocalTimerScheduler>().AddHostedService<LocalQueuePoller>();
        var app = builder.Build();
        app.Use((http, next) =>
        {
            SecurityHeaders.Apply(http);
            return next(http);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapFunctions();
        return app;
    }

    public static async Task RunAsync(string[] args, Action<IServiceCollection, IConfiguration, IHostEnvironment> addApp)
    {
        var app = Build(args, addApp);
        await app.StartLocalStorageAsync();
        await app.Services.InitializeStorageAsync();
        await app.RunAsync();
    }

    /// <summary>Every HTTP function in functions.metadata, at its route and methods, and nothing else.</summary>
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints)
    {
        var functions = endpoints.ServiceProvider.GetRequiredService<FunctionApp>();
        foreach (var function in functions.Http)
        {
            var invoker = new FunctionInvoker(function, typeof(LocalHost).Assembly);
            endpoints.MapMethods(functions.PathOf(function), function.HttpMethods, async http =>
            {
                var returned = await invoker.InvokeAsync(http.RequestServices, new TriggerInput(Http: http), http.RequestAborted);
                await ExecuteAsync(http, returned, function.Name);
            }).WithName(function.Name).WithMetadata(function);
        }
        return endpoints;
    }

    private static Task ExecuteAsync(HttpContext http, object? returned, string function) => returned switch
    {
        IResult result => result.ExecuteAsync(http),
        IActionResult action => action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new())),
        _ => throw new InvalidOperationException($"{function} returned {returned?.GetType().Name ?? "null"}, not an IResult."),
    };

    /// <summary>
    /// A local run with the development connection and nothing on the Azurite ports installs and
    /// starts Azurite itself, with data on disk so it survives a restart.
    /// </summary>
    public static async Task StartLocalStorageAsync(this WebApplication app)
    {
        var config = app.Configuration;
        if (StorageSettings.From(config).ConnectionString != StorageSettings.DevelopmentStorage) return;
        if (Azurite.IsListening(10001) && Azurite.IsListening(10002)) return;
        var local = LocalData.Path(config, app.Environment.ContentRootPath);
        app.Logger.LogInformation("No storage emulator on ports 10000-10002: starting Azurite with data in {Dir}",
            Path.Combine(local, "azurite-data"));
        var azurite = await Azurite.StartAsync(new AzuriteOptions(Path.Combine(local, "azurite"),
            Path.Combine(local, "azurite-data"), 10000, 10001, 10002), app.Logger);
        app.Lifetime.ApplicationStopped.Register(() => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult());
    }
}

public static class LocalData
{
    /// <summary>The project-local folder for a local run's data: Azurite, mail, the admin key.</summary>
    public static string Path(IConfiguration config, string contentRoot)
    {
        if (config["LocalData"] is { Length: > 0 } configured) return System.IO.Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MentoringFunctions.sln")))
                return System.IO.Path.Combine(dir.FullName, ".local");
        return System.IO.Path.Combine(contentRoot, ".local");
    }
}
