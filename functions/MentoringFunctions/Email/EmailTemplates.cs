using MentoringFunctions.Pages;

namespace MentoringFunctions.Email;

/// <summary>
/// An e-mail template is three files in Templates/Email: NAME.subject.liquid, NAME.html.liquid
/// and NAME.txt.liquid, rendered with the same model. <see cref="EmailKinds"/> names them per kind.
/// </summary>
public sealed class EmailTemplates(TemplateRenderer renderer, EmailOptions options)
{
    public async Task<EmailMessage> ComposeAsync(EmailKind kind, string partition, string key,
        string toEmail, string toName, object model, IReadOnlyDictionary<string, string>? headers = null)
    {
        var spec = EmailKinds.Of(kind);
        // A model of another kind would render that kind's fields as errors, or worse, half an e-mail.
        if (model?.GetType() != spec.Model)
            throw new ArgumentException(
                $"A {kind} e-mail needs a {spec.Model.Name}, not {model?.GetType().Name ?? "null"}.", nameof(model));
        var context = new EmailModel(model, options.PublicBaseUrl.TrimEnd('/'), toName);
        var template = spec.Template;
        var subject = (await renderer.RenderAsync($"Email/{template}.subject.liquid", context, html: false)).Trim();
        var html = await renderer.RenderAsync($"Email/{template}.html.liquid", context);
        var text = await renderer.RenderAsync($"Email/{template}.txt.liquid", context, html: false);
        return new EmailMessage(partition, key, template, toEmail, toName, subject, html, text, headers);
    }
}

/// <summary>What every e-mail template sees: its own model, plus where the app lives.</summary>
public sealed record EmailModel(object Model, string BaseUrl, string RecipientName);
