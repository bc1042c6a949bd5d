using MentoringFunctions.Storage;

namespace MentoringFunctions.Hosting;

public static class FunctionsHostExtensions
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>True when the Azure Functions host started us and forwards invocations.</summary>
    public static bool UnderFunctionsHost(this IConfiguration config) => !string.IsNullOrEmpty(config[PortVariable]);

    /// <summary>
    /// Under the host: listen on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT. On our own: serve
    /// http://localhost:7071 (unless URLs are configured) and run the local stand-in that fires
    /// the same function.json timers and polls the same queues.
    /// </summary>
    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var appRoot = config["Functions:AppRoot"] is { Length: > 0 } root ? root : AppContext.BaseDirectory;
        builder.Services.AddSingleton(FunctionManifest.Load(appRoot));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.Configure<LocalHostOptions>(config.GetSection("LocalHost"));

        if (config.UnderFunctionsHost())
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{config[PortVariable]}");
            return builder;
        }
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:7071");
        if (config.GetValue("LocalHost:Enabled", true))
        {
            builder.Services.AddHostedService<LocalTimerScheduler>();
            builder.Services.AddHostedService<LocalQueuePoller>();
        }
        return builder;
    }

    public static IServiceCollection AddFunction<T>(this IServiceCollection services) where T : class, IFunction
    {
        services.AddSingleton<T>();
        services.AddSingleton<IFunction>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>The project-local folder for a standalone run's data: Azurite, mail, the admin key.</summary>
    public static string LocalDataPath(IConfiguration config, string contentRoot)
    {
        if (config["LocalData"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MentoringFunctions.sln")))
                return Path.Combine(dir.FullName, ".local");
        return Path.Combine(contentRoot, ".local");
    }

    /// <summary>
    /// A standalone run with the development connection and nothing on the Azurite ports installs
    /// and starts Azurite itself, with data on disk so it survives a restart.
    /// </summary>
    public static async Task StartLocalStorageAsync(this WebApplication app)
    {
        var config = app.Configuration;
        if (config.UnderFunctionsHost() || config.StorageConnection() != StorageNames.DevelopmentConnection) return;
        if (Azurite.IsListening(10001) && Azurite.IsListening(10002)) return;
        var local = LocalDataPath(config, app.Environment.ContentRootPath);
        app.Logger.LogInformation("No storage emulator on ports 10000-10002: starting Azurite with data in {Dir}", Path.Combine(local, "azurite-data"));
        var azurite = await Azurite.StartAsync(
            new AzuriteOptions(Path.Combine(local, "azurite"), Path.Combine(local, "azurite-data"), 10000, 10001, 10002), app.Logger);
        app.Lifetime.ApplicationStopped.Register(() => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult());
    }
}
