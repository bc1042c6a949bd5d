using System.Text;
using System.Text.Json;
using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MentoringFunctions.Tests.Hosting;

/// <summary>
/// The function classes resolved from the isolated worker's own DI graph (Program.CreateWorkerBuilder,
/// hosted services removed) and called as the worker calls them, against Azurite.
/// </summary>
[Collection(AppCollection.Name)]
public class WorkerGraphTests(AppFixture app)
{
    private static HttpContext Request(IServiceProvider services, string method, string path, object? json = null)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.Headers["X-Admin-Key"] = AppFixture.AdminKey;
        if (json is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(json));
        }
        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>Runs an HTTP function of the worker's graph and executes its result, as the ASP.NET Core integration does.</summary>
    private async Task<(int Status, string Body)> HttpAsync(string function, HttpContext http, Dictionary<string, string>? route = null)
    {
        await using var scope = app.Worker.Services.CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        foreach (var (k, v) in route ?? []) http.Request.RouteValues[k] = v;
        var metadata = app.Worker.Services.GetRequiredService<FunctionApp>().Functions.Single(f => f.Name == function);
        var result = (IResult)(await new FunctionInvoker(metadata, typeof(Program).Assembly)
            .InvokeAsync(scope.ServiceProvider, new TriggerInput(Http: http), CancellationToken.None))!;
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Fact]
    public void Every_function_class_in_the_metadata_is_created_from_the_worker_graph()
    {
        var functions = app.Worker.Services.GetRequiredService<FunctionApp>();
        Assert.Equal(90, functions.Functions.Count);   // as FunctionMetadataTests
        using var scope = app.Worker.Services.CreateScope();
        var types = functions.Functions.Select(f => f.EntryPoint[..f.EntryPoint.LastIndexOf('.')]).Distinct()
            .Select(name => typeof(Program).Assembly.GetType(name)!);
        foreach (var type in types)
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
    }

    [Fact]
    public async Task A_cohort_an_application_and_its_confirmation_go_through_the_worker_graph()
    {
        var id = "w-" + Guid.NewGuid().ToString("N")[..10];
        var create = await HttpAsync("CreateCohort", Request(app.Worker.Services, "POST", "/api/cohorts", new
        {
            id, name = "Worker cohort", applicationsOpen = "2027-01-01", applicationsClose = "2027-01-31", programmeStart = "2027-02-15",
            midpoint = "2027-08-15", programmeEnd = "2028-02-15", topics = new[] { "Finance", "Policy" },
            workingGroupEmails = Array.Empty<string>(),
        }));
        Assert.Equal(201, create.Status);

        var submit = await HttpAsync("SubmitApplication", Request(app.Worker.Services, "POST", "/api/applications",
            AppFixture.Mentee(id, "wanda@example.org", "Wanda")));
        Assert.Equal(202, submit.Status);
        var read = await HttpAsync("GetCohort", Request(app.Worker.Services, "GET", $"/api/cohorts/{id}"), new() { ["id"] = id });
        Assert.Equal(200, read.Status);
        Assert.Contains("Worker cohort", read.Body);

        var email = Assert.Single(await app.OutboxAsync(id));
        var pointer = new MentoringFunctions.Email.OutboxPointer(email.PartitionKey, email.RowKey);
        var sent = await app.QueueAsync("SendEmail", JsonSerializer.Serialize(pointer));
        Assert.True(sent.Succeeded, sent.Error?.ToString());
        Assert.Single(app.SendGrid.To("wanda@example.org"));
    }

    /// <summary>
    /// A member's session works on the worker's graph through the same cookie handler, whichever graph signed in:
    /// the data-protection keys are in shared blob storage, as every instance in Azure needs.
    /// </summary>
    [Fact]
    public async Task A_members_session_opens_pages_on_the_worker_graph_and_the_key_does_not()
    {
        var member = $"w-{Guid.NewGuid():N}"[..10] + "@wg.example";
        var cohort = await app.CreateCohortAsync(workingGroup: [member]);
        var fromLocalHost = (await app.SignInAsync(member)).Cookie;
        await using var scope = app.Worker.Services.CreateAsyncScope();
        var signIn = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        signIn.Request.Scheme = "https";
        await scope.ServiceProvider.GetRequiredService<MentoringFunctions.Admin.AdminAccess>().SignInAsync(signIn, member, false, default);
        var fromWorker = signIn.Response.Headers.SetCookie.ToString().Split(';')[0];

        foreach (var (cookie, status) in new[] { (fromLocalHost, 200), (fromWorker, 200), ("", 401) })
        {
            var page = Request(app.Worker.Services, "GET", $"/manage/cohorts/{cohort}");
            if (cookie.Length > 0) page.Request.Headers.Cookie = cookie;
            Assert.Equal(status, (await HttpAsync("CohortPage", page, new() { ["cohort"] = cohort })).Status);   // the key alone: 401
        }
    }

    [Fact]
    public async Task The_worker_graph_guards_admin_functions_too()
    {
        var http = Request(app.Worker.Services, "GET", "/api/cohorts");
        http.Request.Headers.Remove("X-Admin-Key");
        Assert.Equal(401, (await HttpAsync("ListCohorts", http)).Status);
    }
}
