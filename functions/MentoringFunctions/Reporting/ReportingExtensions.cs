namespace MentoringFunctions.Reporting;

public static class ReportingExtensions
{
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration config) => services
        .AddSingleton(ReportOptions.From(config)).AddSingleton<ReportData>();
}
