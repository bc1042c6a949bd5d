using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MentoringFunctions.Tests.Api;

/// <summary>
/// The hand-written OpenAPI document against the functions the build declares: every HTTP function's
/// route and methods are in it under the function's name, nothing else is, and it is what the app serves.
/// </summary>
[Collection(AppCollection.Name)]
public partial class OpenApiTests(AppFixture app)
{
    private static readonly FunctionApp Functions = FunctionApp.Load(AppContext.BaseDirectory);
    private static readonly string[] AdminSchemes = ["adminKey", "adminSession"];
    private static readonly string[] FunctionKeySchemes = ["functionKey", "functionKeyQuery"];

    /// <summary>The file people edit; the build copies it beside the program, and the app serves that copy.</summary>
    private static string SourcePath => Path.Combine(Paths.AppProject, "Api", "openapi.json");

    private sealed record Operation(string Path, string Method, string OperationId);

    [Fact]
    public void The_document_is_valid_OpenAPI_3_1_without_errors_or_warnings()
    {
        var (document, diagnostic) = Parse(File.ReadAllText(SourcePath));

        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic!.SpecificationVersion);
        Assert.Empty(diagnostic.Errors.Select(e => e.ToString()));
        Assert.Empty(diagnostic.Warnings.Select(e => e.ToString()));
        Assert.Empty(document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => e.ToString()));
    }

    [Fact]
    public void Every_http_function_is_documented_at_its_path_and_methods_under_its_name_and_nothing_else_is()
    {
        Assert.Equal(82, Expected().Count());   // 55 HTTP functions; the catch-all home page is two paths
        var differences = Differences(Document());
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    /// <summary>The coverage check itself can fail: a function left out of the document is named.</summary>
    [Fact]
    public void A_function_missing_from_the_document_is_reported()
    {
        var json = JsonNode.Parse(File.ReadAllText(SourcePath))!;
        json["paths"]!["/api/cohorts"]!.AsObject().Remove("get");
        json["paths"]!["/manage/outbox"]!["get"]!["operationId"] = "Outbox";

        Assert.Equal(["missing: GET /api/cohorts ListCohorts", "missing: GET /manage/outbox OutboxPage",
            "stale: GET /manage/outbox Outbox"], Differences(Parse(json.ToJsonString()).Document!));
    }

    /// <summary>The reader resolves schema references but lets a dangling response or parameter one pass.</summary>
    [Fact]
    public void Every_reference_in_the_document_resolves()
    {
        var root = JsonNode.Parse(File.ReadAllText(SourcePath))!;
        var references = Nodes(root).OfType<JsonObject>()
            .Select(o => o["$ref"] is JsonValue v ? v.GetValue<string>() : null).OfType<string>().ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.StartsWith("#/", reference);
            var target = reference[2..].Split('/').Aggregate((JsonNode?)root,
                (node, token) => node is JsonObject o ? o[token.Replace("~1", "/").Replace("~0", "~")] : null);
            Assert.True(target is JsonObject, $"{reference} does not resolve");
        }
    }

    [Fact]
    public void Every_path_parameter_of_a_route_is_declared_on_its_operations()
    {
        foreach (var (path, item) in Document().Paths)
            foreach (var (method, operation) in item.Operations!)
            {
                var declared = (item.Parameters ?? []).Concat(operation.Parameters ?? [])
                    .Where(p => p.In == ParameterLocation.Path).Select(p => p.Name!).Order();
                var template = TemplateParameter().Matches(path).Select(m => m.Groups[1].Value).Order();
                Assert.True(template.SequenceEqual(declared), $"{method} {path}: {string.Join(',', declared)}");
            }
    }

    /// <summary>
    /// The working group's functions (401 without the key or cookie; LocalHostTests checks that from the
    /// metadata by the same rule) declare both ways in, plus a function key where Azure asks for one.
    /// </summary>
    [Fact]
    public void Admin_operations_declare_the_admin_key_or_cookie_and_open_ones_declare_nothing()
    {
        var document = Document();
        foreach (var function in Functions.Http)
            foreach (var expected in ExpectedOf(function))
            {
                // A missing operation is the coverage test's to report.
                var operation = document.Paths.GetValueOrDefault(expected.Path)?.Operations?
                    .GetValueOrDefault(new HttpMethod(expected.Method));
                if (operation is null) continue;
                // Each requirement is one way in: all its schemes together.
                var ways = (operation.Security ?? []).Select(r => r.Keys.Select(s => s.Reference.Id!).ToHashSet())
                    .ToList();
                var at = $"{expected.Method} {expected.Path}";
                if (!IsAdmin(function))
                {
                    Assert.True(ways.Count == 0, $"{at} is open but declares security");
                    continue;
                }
                Assert.True(ways.All(w => w.Overlaps(AdminSchemes)), $"{at}: a way in without the key or cookie");
                // The working group's pages take a member's session only; the key is for API automation.
                var schemes = expected.Path.StartsWith("/manage", StringComparison.Ordinal) ? ["adminSession"] : AdminSchemes;
                Assert.True(schemes.All(s => ways.Any(w => w.Contains(s))), $"{at}: not every one of {string.Join(", ", schemes)}");
                Assert.True(ways.All(w => w.IsSubsetOf(schemes.Concat(FunctionKeySchemes))), $"{at}: a way in it does not take");
                Assert.True(operation.Responses!.ContainsKey("401"), $"{at}: no 401 response");
                var keyed = function.Trigger.AuthLevel == "Function";
                Assert.True(ways.All(w => w.Overlaps(FunctionKeySchemes) == keyed), $"{at}: function key {keyed}?");
            }
    }

    [Fact]
    public async Task The_document_is_served_at_api_openapi_json_as_kept_in_the_repository()
    {
        var response = await app.Client().GetAsync("/api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(SourcePath), await response.Content.ReadAsByteArrayAsync());
    }

    private static (OpenApiDocument? Document, OpenApiDiagnostic? Diagnostic) Parse(string json)
    {
        var result = OpenApiDocument.Parse(json, "json");
        return (result.Document, result.Diagnostic);
    }

    private static OpenApiDocument Document() => Parse(File.ReadAllText(SourcePath)).Document!;

    private static IReadOnlyList<string> Differences(OpenApiDocument document)
    {
        var expected = Expected().Select(Show).ToHashSet();
        var documented = document.Paths.SelectMany(p => (p.Value.Operations ?? [])
                .Select(o => new Operation(p.Key, o.Key.Method.ToUpperInvariant(), o.Value.OperationId ?? "")))
            .Select(Show).ToHashSet();
        return [.. expected.Except(documented).Select(o => "missing: " + o).Order(),
            .. documented.Except(expected).Select(o => "stale: " + o).Order()];
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Nodes(p.Value)).Prepend(o),
        JsonArray a => a.SelectMany(Nodes).Prepend(a),
        _ => [],
    };

    private static string Show(Operation o) => $"{o.Method} {o.Path} {o.OperationId}";

    private static IEnumerable<Operation> Expected() => Functions.Http.SelectMany(ExpectedOf);

    /// <summary>
    /// OpenAPI has no catch-all parameter, so the home page's `{*path}` is `/` plus `/{path}`; operation ids
    /// are unique, so the second is the function's name with "CatchAll".
    /// </summary>
    private static IEnumerable<Operation> ExpectedOf(FunctionMetadata function)
    {
        var path = Functions.PathOf(function);
        var paths = CatchAll().Match(path) is { Success: true } m
            ? new[] { (m.Groups[1].Value is "" ? "/" : m.Groups[1].Value, function.Name),
                ($"{m.Groups[1].Value}/{{{m.Groups[2].Value}}}", function.Name + "CatchAll") }
            : [(path, function.Name)];
        return paths.SelectMany(p => function.HttpMethods.Select(method => new Operation(p.Item1, method, p.Item2)));
    }

    private static bool IsAdmin(FunctionMetadata function) =>
        function.Name is not ("SignInPage" or "SignIn" or "SignInLinkPage" or "SignInWithLink") &&
        new[] { "api/cohorts", "api/match-runs", "manage" }
            .Any(p => function.Trigger.Route!.StartsWith(p, StringComparison.Ordinal));

    [GeneratedRegex(@"^(.*)/\{\*(\w+)\}$")]
    private static partial Regex CatchAll();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex TemplateParameter();
}
