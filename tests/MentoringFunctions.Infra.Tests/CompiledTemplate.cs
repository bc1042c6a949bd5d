using System.Text.Json;
using System.Text.RegularExpressions;

namespace MentoringFunctions.Infra.Tests;

/// <summary>A resource from the ARM JSON and the (possibly nested) template that declares it.</summary>
public sealed record ArmResource(JsonElement Resource, JsonElement Template)
{
    public string Type => Resource.GetProperty("type").GetString()!;
    public string Name => Resource.GetProperty("name").GetString()!;
    public JsonElement Properties => Resource.GetProperty("properties");

    /// <summary>A template expression with <c>variables('x')</c> replaced by the variable's string value,
    /// enough to read literals such as role definition IDs that Bicep hoists into variables.</summary>
    public string Resolve(string expression) => Regex.Replace(expression, @"variables\('(\w+)'\)", m =>
        Template.TryGetProperty("variables", out var variables)
        && variables.TryGetProperty(m.Groups[1].Value, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : m.Value);
}

/// <summary>infra/main.bicep compiled once with <c>bicep build --stdout</c>, modules included.</summary>
public sealed class CompiledTemplate : IDisposable
{
    private readonly JsonDocument document;

    public CompiledTemplate()
    {
        var result = Bicep.Run("build", Bicep.Infra("main.bicep"), "--stdout");
        if (result.ExitCode != 0) throw new InvalidOperationException($"bicep build failed:\n{result.StdErr}");
        document = JsonDocument.Parse(result.StdOut);
        Resources = Walk(document.RootElement).ToList();
    }

    public JsonElement Root => document.RootElement;

    /// <summary>Every resource, those of module deployments (nested templates) included.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"expected one {type}, found {found.Count}");
        return found[0];
    }

    private static IEnumerable<ArmResource> Walk(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources)) yield break;
        // languageVersion 2.0 templates hold resources in an object keyed by symbolic name.
        var items = resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().ToList()
            : resources.EnumerateObject().Select(p => p.Value).ToList();
        foreach (var resource in items)
        {
            var armResource = new ArmResource(resource, template);
            yield return armResource;
            if (armResource.Type == "Microsoft.Resources/deployments"
                && armResource.Properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in Walk(nested)) yield return inner;
            }
        }
    }

    public void Dispose() => document.Dispose();
}

public static class JsonElementExtensions
{
    /// <summary>GetProperty that fails the test with the missing name rather than a bare KeyNotFoundException,
    /// e.g. when a misspelt property leaves the real one out.</summary>
    public static JsonElement Get(this JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)) return value;
        var text = element.GetRawText();
        Assert.Fail($"no '{name}' in {(text.Length > 300 ? text[..300] + "…" : text)}");
        return default;
    }
}
