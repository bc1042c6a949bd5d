using MentoringFunctions.Email.DeliverOutbox;
using MentoringFunctions.Email.SendEmail;
using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;
using SendGrid;

namespace MentoringFunctions.Email;

public static class EmailExtensions
{
    /// <summary>SendGrid when SendGrid:ApiKey is set; otherwise .eml files in a local folder.</summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var options = config.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        options.PickupDirectory ??= Path.Combine(FunctionsHostExtensions.LocalDataPath(config, builder.Environment.ContentRootPath), "mail");
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(_ => new TemplateRenderer(config["Templates:Root"] is { Length: > 0 } r ? r : TemplateRenderer.DefaultRoot));
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxDelivery>();
        services.AddHttpClient("sendgrid");
        services.AddSingleton<IEmailSender>(sp =>
        {
            var apiKey = config["SendGrid:ApiKey"];
            if (string.IsNullOrEmpty(apiKey)) return new PickupDirectoryEmailSender(options.PickupDirectory, options);
            var clientOptions = new SendGridClientOptions
            {
                ApiKey = apiKey,
                ReliabilitySettings = new SendGrid.Helpers.Reliability.ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
            };
            if (config["SendGrid:Host"] is { Length: > 0 } host) clientOptions.Host = host;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("sendgrid");
            return new SendGridEmailSender(new SendGridClient(http, clientOptions), options);
        });
        services.AddFunction<SendEmailFunction>();
        services.AddFunction<DeliverOutboxFunction>();
        return builder;
    }
}
