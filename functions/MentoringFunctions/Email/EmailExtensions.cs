using MentoringFunctions.Hosting;
using SendGrid;

namespace MentoringFunctions.Email;

public static class EmailExtensions
{
    /// <summary>SendGrid when SendGrid:ApiKey is set; otherwise .eml files in a local folder.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var options = config.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        options.PickupDirectory ??= Path.Combine(LocalData.Path(config, env.ContentRootPath), "mail");
        services.AddSingleton(options);
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxDelivery>();
        services.AddOptions<OutboxOptions>().Bind(config.GetSection(OutboxOptions.Section))
            .Validate(o => o.BodyRetentionDays > 0, "Outbox:BodyRetentionDays must be a number of days above 0.")
            .ValidateOnStart();
        services.AddSingleton<OutboxUpkeep>();
        services.AddHttpClient("sendgrid");
        services.AddSingleton<IEmailSender>(sp =>
        {
            var apiKey = config["SendGrid:ApiKey"];
            if (string.IsNullOrEmpty(apiKey)) return new PickupDirectoryEmailSender(options.PickupDirectory, options);
            var clientOptions = new SendGridClientOptions
            {
                ApiKey = apiKey,
                // The outbox owns retries (with backoff, never giving up), so the SDK's own would only double them.
                ReliabilitySettings = new SendGrid.Helpers.Reliability.ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
            };
            if (config["SendGrid:Host"] is { Length: > 0 } host) clientOptions.Host = host;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("sendgrid");
            return new SendGridEmailSender(new SendGridClient(http, clientOptions), options);
        });
        return services;
    }
}
