using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using MentoringFunctions.Core.Applications;
using Microsoft.Extensions.FileProviders;

namespace MentoringFunctions.Pages;

/// <summary>
/// Renders the Liquid templates kept as files under Templates/ (pages and e-mails) with Fluid.
/// HTML output is encoded, so applicants' own words can never inject markup.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new();
    private readonly string _root;

    public TemplateRenderer(string root)
    {
        _root = root;
        // snake_case names in templates match the form fields and CSV columns (years_in_sector).
        _options.MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase };
        _options.FileProvider = new PhysicalFileProvider(root);
        // A role reads as the form's word (mentor, mentee, both); other enums render as their names.
        _options.ValueConverters.Add(value => value is Role role ? role.ToText() : null);
    }

    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "Templates");

    public bool Exists(string path) => File.Exists(Path.Combine(_root, path));

    public async Task<string> RenderAsync(string path, object model, bool html = true)
    {
        var template = _cache.GetOrAdd(path, Parse);
        var context = new TemplateContext(model, _options);
        return html
            ? await template.RenderAsync(context, HtmlEncoder.Default)
            : await template.RenderAsync(context, NullEncoder.Default);
    }

    private IFluidTemplate Parse(string path)
    {
        var source = File.ReadAllText(Path.Combine(_root, path));
        return _parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Template {path} does not parse: {error}");
    }
}

public static class PageServices
{
    public static IServiceCollection AddPages(this IServiceCollection services, IConfiguration config) =>
        services.AddSingleton(_ => new TemplateRenderer(config["Templates:Root"] is { Length: > 0 } r ? r : TemplateRenderer.DefaultRoot));
}
