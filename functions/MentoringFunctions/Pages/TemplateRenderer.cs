using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using MentoringFunctions.Core.Applications;
using Microsoft.Extensions.FileProviders;

namespace MentoringFunctions.Pages;

/// <summary>
/// Renders the Liquid templates kept as files under Templates/ (pages and e-mails) with Fluid.
/// HTML output is encoded, so applicants' own words can never inject markup.
/// </summary>
/// <remarks>
/// Rendering is strict: a name that is neither a variable nor a member of the object it is read from (a misspelt
/// field, a field the model lost) throws, naming the template and the name, instead of rendering empty; so does an
/// unknown filter. A member that exists but is null, and a dictionary key that is absent, are still nil: templates
/// test optional values that way (<c>{% if model.mentor %}</c>, <c>{% if errors.email %}</c>). Pages share the
/// layout in Pages/_head, whose switches (<see cref="LayoutSwitches"/>) only some page models carry; a page whose
/// model leaves one out renders without it. Everything else on a page is as strict as an e-mail. Fluid's own
/// StrictVariables is not used: it also throws on members that are merely null.
/// </remarks>
public sealed class TemplateRenderer
{
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new();
    private readonly string _root;

    /// <summary>Optional flags the shared page layout tests: refresh (reload while a run works), wide (tables).</summary>
    public static readonly IReadOnlySet<string> LayoutSwitches = new HashSet<string>(["refresh", "wide"]);

    public TemplateRenderer(string root)
    {
        _root = root;
        // snake_case names in templates match the form fields and CSV columns (years_in_sector).
        _options.MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase };
        _options.FileProvider = new PhysicalFileProvider(root);
        // A role reads as the form's word (mentor, mentee, both); other enums render as their names.
        _options.ValueConverters.Add(value => value is Role role ? role.ToText() : null);
        _options.StrictFilters = true;
        _options.Filters.AddFilter("plural", PluralFilter.Apply);
    }

    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "Templates");

    public bool Exists(string path) => File.Exists(Path.Combine(_root, path));

    public async Task<string> RenderAsync(string path, object model, bool html = true)
    {
        var template = _cache.GetOrAdd(path, Parse);
        var page = path.StartsWith("Pages/", StringComparison.Ordinal);
        // Fluid calls Undefined for a name it cannot resolve; it does not for a null member or a missing key.
        var context = new TemplateContext(model, _options)
        {
            Undefined = name => page && LayoutSwitches.Contains(name)
                ? ValueTask.FromResult<FluidValue>(NilValue.Instance)
                : throw new TemplateException(path,
                    $"reads '{name}', which is neither a variable nor a member of what it is read from."),
        };
        try
        {
            return html
                ? await template.RenderAsync(context, HtmlEncoder.Default)
                : await template.RenderAsync(context, NullEncoder.Default);
        }
        catch (FluidException e)
        {
            throw new TemplateException(path, e.Message, e);
        }
    }

    private IFluidTemplate Parse(string path)
    {
        var source = File.ReadAllText(Path.Combine(_root, path));
        return _parser.TryParse(source, out var template, out var error)
            ? template
            : throw new TemplateException(path, $"does not parse: {error}");
    }
}

/// <summary>A template that cannot render as written: its path, and what is wrong with it.</summary>
public sealed class TemplateException(string path, string problem, Exception? inner = null)
    : InvalidOperationException($"Template {path} {problem}", inner)
{
    public string Path { get; } = path;
}

public static class PageServices
{
    public static IServiceCollection AddPages(this IServiceCollection services, IConfiguration config) =>
        services.AddSingleton(_ => new TemplateRenderer(config["Templates:Root"] is { Length: > 0 } r ? r : TemplateRenderer.DefaultRoot));
}
