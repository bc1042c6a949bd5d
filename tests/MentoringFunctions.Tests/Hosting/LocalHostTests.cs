using System.Net;
using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Hosting;

/// <summary>The local host serves exactly the functions the worker SDK listed, at their routes and methods.</summary>
[Collection(AppCollection.Name)]
public class LocalHostTests(AppFixture app)
{
    private FunctionApp Functions => app.Factory.Services.GetRequiredService<FunctionApp>();

    private IReadOnlyList<RouteEndpoint> Served => app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().ToList();

    [Fact]
    public void Every_http_function_is_served_at_its_route_with_its_methods_and_nothing_else_is()
    {
        static string Key(string path, IEnumerable<string> methods) =>
            $"{string.Join(',', methods.Select(m => m.ToUpperInvariant()).Order())} {path.TrimEnd('/')}";
        var declared = Functions.Http.Select(f => Key(Functions.PathOf(f), f.HttpMethods)).Order().ToList();
        var served = Served.Select(e => Key("/" + e.RoutePattern.RawText!.TrimStart('/'),
            e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])).Order().ToList();

        Assert.Equal(Functions.Http.Count(), declared.Count);
        Assert.Equal(declared, served);
        Assert.All(Served, e => Assert.NotNull(e.Metadata.GetMetadata<FunctionMetadata>()));
    }

    [Fact]
    public async Task Timer_and_queue_functions_have_no_http_endpoint()
    {
        foreach (var f in Functions.Functions.Where(f => !f.IsHttp))
        {
            var response = await app.Client().PostAsync("/" + f.Name, new StringContent("{}"));
            // The catch-all home page answers GET only, so a POST to a function's name finds nothing to run.
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed,
                $"{f.Name}: {response.StatusCode}");
        }
    }

    /// <summary>
    /// Every function of the working group's API and pages answers 401 without the key or a session,
    /// found from the metadata, so a new admin function cannot forget its guard unnoticed.
    /// </summary>
    [Fact]
    public async Task Every_admin_function_refuses_a_request_without_the_key()
    {
        var open = new[] { "SignInPage", "SignIn", "SignInLinkPage", "SignInWithLink" };
        var admin = Functions.Http.Where(f => (f.Trigger.Route!.StartsWith("api/cohorts", StringComparison.Ordinal)
            || f.Trigger.Route.StartsWith("api/match-runs", StringComparison.Ordinal)
            || f.Trigger.Route.StartsWith("manage", StringComparison.Ordinal)) && !open.Contains(f.Name)).ToList();
        Assert.Equal(60, admin.Count);   // the admin-only HTTP functions
        foreach (var f in admin)
            foreach (var method in f.HttpMethods)
            {
                var path = System.Text.RegularExpressions.Regex.Replace(Functions.PathOf(f), @"\{[^}]+\}", "x");
                var response = await app.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
                });
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} ({f.Name}): {response.StatusCode}");
            }
    }
}
