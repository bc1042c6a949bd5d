using System.Net;
using System.Text;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Rhythm;

/// <summary>Bodies the pages' forms never send are answered as a missing link or key, not with a 500.</summary>
[Collection(AppCollection.Name)]
public class LinkBodyTests(AppFixture app)
{
    [Theory]
    [InlineData("/p/checkin", "application/json", "{\"t\":\"x\"}", HttpStatusCode.BadRequest)]
    [InlineData("/p/checkin", null, null, HttpStatusCode.BadRequest)]
    [InlineData("/p/hours", "application/json", "{}", HttpStatusCode.BadRequest)]
    [InlineData("/p/hours", "text/plain", "t=x", HttpStatusCode.BadRequest)]
    [InlineData("/p/unsubscribe", "application/json", "[]", HttpStatusCode.BadRequest)]
    [InlineData("/manage/login", "application/json", "{\"key\":\"test-admin-key\"}", HttpStatusCode.BadRequest)]
    [InlineData("/manage/login", null, null, HttpStatusCode.BadRequest)]
    public async Task A_body_that_is_not_a_form_gets_a_clear_answer(string path, string? type, string? body, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, type!),
        };
        var response = await app.Client().SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType);
    }
}
