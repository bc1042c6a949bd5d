using MentoringFunctions.Hosting;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace MentoringFunctions.Tests.Hosting;

[Collection(AppCollection.Name)]
public class SecurityHeadersTests(AppFixture app)
{
    [Theory]
    [InlineData("/", false)]
    [InlineData("/manage/login", true)]
    [InlineData("/manage", true)]
    [InlineData("/p/checkin?t=x", true)]
    [InlineData("/api/cohorts", true)]
    [InlineData("/nowhere", false)]
    public async Task Every_response_forbids_framing_scripts_and_sniffing_and_private_ones_are_not_stored(string path, bool isPrivate)
    {
        var response = await app.Client().GetAsync(path);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(isPrivate, response.Headers.CacheControl?.NoStore == true);
    }

    [Fact]
    public async Task A_csv_download_of_the_working_group_is_not_stored()
    {
        var cohort = await app.CreateCohortAsync();
        var response = await app.AdminClient().GetAsync($"/manage/cohorts/{cohort}/applications.csv");
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Under_the_functions_host_the_worker_middleware_sets_the_same_headers_before_the_function_runs()
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/manage/outbox";
        var context = new Mock<FunctionContext>();
        // Where the ASP.NET Core integration keeps the request's HttpContext for the invocation.
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        var ran = false;

        await new SecurityHeadersMiddleware().Invoke(context.Object, _ =>
        {
            ran = http.Response.Headers.ContentSecurityPolicy == SecurityHeaders.ContentSecurityPolicy;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
    }
}
