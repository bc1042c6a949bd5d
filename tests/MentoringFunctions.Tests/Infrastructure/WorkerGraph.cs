using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>
/// The app's real DI graph as the isolated worker builds it (Program.CreateWorkerBuilder), with its
/// hosted services removed: that drops the gRPC channel to a Functions host, which tests do not have.
/// </summary>
public static class WorkerGraph
{
    public static IHost Build(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? configure = null)
    {
        // Command-line settings, so the app's registrations see them as they would see app settings.
        var builder = Program.CreateWorkerBuilder([.. settings.Select(s => $"--{s.Key}={s.Value}")]);
        foreach (var hosted in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
            builder.Services.Remove(hosted);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
