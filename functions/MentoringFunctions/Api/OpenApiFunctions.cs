namespace MentoringFunctions.Api;

/// <summary>
/// The HTTP API's OpenAPI 3.1 description, kept by hand beside the functions it describes; a test
/// holds it to the functions.metadata the build writes, so a new route cannot go undocumented.
/// </summary>
public sealed class OpenApiFunctions
{
    public const string DocumentPath = "Api/openapi.json";

    // The file ships with the app and never changes while it runs, so one read serves every request.
    private static readonly Lazy<byte[]> Document =
        new(() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, DocumentPath)));

    [Function("OpenApiDocument")]
    public IResult OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest req) =>
        TypedResults.Bytes(Document.Value, "application/json");
}
