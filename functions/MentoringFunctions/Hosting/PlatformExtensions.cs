using System.Text.Json.Serialization;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MentoringFunctions.Hosting;

public static class PlatformExtensions
{
    public const string ActivitySourceName = "MentoringFunctions";

    /// <summary>The clock, the app folder's function list and host.json, and problem details for every error.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, FunctionApp functions)
    {
        services.AddSingleton(functions);
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }

    /// <summary>
    /// Logs and traces through OpenTelemetry: to Azure Monitor when Application Insights is configured
    /// (with Entra ID auth when the Functions host's authentication string asks for it), else to the console.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration config)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("MentoringFunctions"))
            .WithTracing(t => t.AddSource(ActivitySourceName, "Microsoft.Azure.Functions.Worker"));
        // Under the Functions host the worker's spans join the host's (host.json: telemetryMode OpenTelemetry).
        if (!config.IsLocalHost()) otel.UseFunctionsWorkerDefaults();
        var connection = config["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrEmpty(connection))
        {
            // The request's own span is recorded too: an unrecorded parent would drop the invocation's span.
            if (config.GetValue("Telemetry:Console", false))
                otel.WithTracing(t => t.AddSource("Microsoft.AspNetCore").AddConsoleExporter());
            return services;
        }
        otel.UseAzureMonitorExporter(o =>
        {
            o.ConnectionString = connection;
            if (EntraClientId(config["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]) is { } clientId)
                o.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        });
        return services;
    }

    /// <summary>"ClientId=&lt;id&gt;;Authorization=AAD", as the Functions host reads it.</summary>
    internal static string? EntraClientId(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return parts.GetValueOrDefault("Authorization")?.Equals("AAD", StringComparison.OrdinalIgnoreCase) == true
            ? parts.GetValueOrDefault("ClientId")
            : null;
    }
}
