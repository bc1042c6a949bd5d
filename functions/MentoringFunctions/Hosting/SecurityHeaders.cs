using Microsoft.Azure.Functions.Worker.Middleware;

namespace MentoringFunctions.Hosting;

/// <summary>
/// Headers every response carries, in both hosts: no framing (clickjacking of the working group's
/// buttons), no scripts at all (the pages need none), no MIME sniffing, no referrer (links carry
/// signed tokens), and no caching of anything private: the working group's pages and API, CSV
/// downloads and the pages behind signed links.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    private static readonly string[] PrivatePrefixes = ["/manage", "/api/cohorts", "/api/match-runs", "/p", "/api/feedback"];

    public static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (IsPrivate(http.Request.Path)) headers.CacheControl = "no-store";
    }

    public static bool IsPrivate(PathString path) => PrivatePrefixes.Any(p => path.StartsWithSegments(p));
}

/// <summary>The same headers under the Functions host, where requests reach the worker's own ASP.NET Core pipeline.</summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http) SecurityHeaders.Apply(http);
        return next(context);
    }
}
