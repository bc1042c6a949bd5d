namespace MentoringFunctions.Privacy;

public static class PrivacyExtensions
{
    /// <summary>Personal data rights: export, erasure, the retention pass and its settings (section "Privacy").</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PrivacyOptions>(config.GetSection(PrivacyOptions.Section));
        services.AddSingleton<IPersonalDataAudit, AuditedPersonalData>();
        return services.AddSingleton<PersonalDataTables>().AddSingleton<PersonalDataBlobs>().AddSingleton<ErasePersonalData>()
            .AddSingleton<ExportPersonalData>().AddSingleton<PersonalDataRetention>();
    }
}
