using System.Text;
using System.Text.Json;
using MentoringFunctions.Applications;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Fuzz;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace MentoringFunctions.Tests.Unit;

/// <summary>The readers at the boundary: encoding, size and JSON types, before any value is validated.</summary>
public class StrictReadersTests
{
    private static string? Field(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? problem) =>
        (problem?.ProblemDetails as HttpValidationProblemDetails)?.Errors.Keys.Single();

    [Theory]
    [InlineData("{\"name\":\"\\ud800\"}", 9)]
    [InlineData("{\"name\":\"x\\udc00\"}", 10)]
    [InlineData("{\"name\":\"\\ud800\\n\"}", 9)]
    [InlineData("{\"name\":\"\\ud800\\ud800\"}", 9)]
    public void A_lone_surrogate_escape_is_found(string json, int at) =>
        Assert.Equal(at, JsonBody.LoneSurrogate(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"name\":\"\\ud83d\\ude00\"}")]
    [InlineData("{\"name\":\"\\\\ud800\"}")]       // an escaped backslash, then the letters ud800
    [InlineData("{\"name\":\"\\u00e9 \\n \\\" \\u0041\"}")]
    public void Pairs_and_other_escapes_are_not_lone_surrogates(string json) =>
        Assert.Null(JsonBody.LoneSurrogate(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D }, "$")]   // {"a":"<FF>"}
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0x80, 0x22, 0x7D }, "$")]  // an overlong NUL
    public void Invalid_utf8_is_refused_before_parsing(byte[] body, string field)
    {
        var (document, problem) = JsonBody.Parse(body);
        Assert.Null(document);
        Assert.Equal(field, Field(problem));
        Assert.Equal(400, problem!.StatusCode);
    }

    [Theory]
    [InlineData("{\"topics\":[\"A\",null]}", "topics[1]")]
    [InlineData("{\"rhythm\":{\"lunch\":{\"joinUrl\":[null]}}}", "rhythm.lunch.joinUrl[0]")]
    public void A_null_in_a_list_is_refused_naming_its_place(string json, string field) =>
        Assert.Equal(field, Field(JsonBody.Parse(Encoding.UTF8.GetBytes(json)).Problem));

    [Fact]
    public void Strings_over_the_table_property_limit_and_deep_nesting_are_refused()
    {
        Assert.Equal("name", Field(JsonBody.Parse(Encoding.UTF8.GetBytes($"{{\"name\":\"{new string('a', 40_000)}\"}}")).Problem));
        Assert.NotNull(JsonBody.Parse(Encoding.UTF8.GetBytes(new string('[', 17) + new string(']', 17))).Problem);
        Assert.Null(JsonBody.Parse(Encoding.UTF8.GetBytes(new string('[', 16) + new string(']', 16))).Problem);
    }

    [Theory]
    [InlineData("[]", "$")]
    [InlineData("\"x\"", "$")]
    [InlineData("{\"locks\":[null]}", "locks[0]")]
    [InlineData("{\"locks\":\"a|b\"}", "locks")]
    [InlineData("{\"excludes\":[{\"mentor\":\"a\"}]}", "excludes[0]")]
    [InlineData("{\"settings\":[]}", "settings")]
    [InlineData("{\"basedOn\":7}", "basedOn")]
    public void A_match_run_request_of_the_wrong_shape_names_the_field(string json, string field)
    {
        using var doc = JsonDocument.Parse(json);
        var (request, errors) = RequestMatchRun.Parse(doc.RootElement);
        Assert.Null(request);
        Assert.Equal([field], errors!.Keys);
    }

    [Fact]
    public void No_match_run_body_is_a_default_run() =>
        Assert.Equal((0, 0), RequestMatchRun.Parse(null).Request is { } r ? (r.Locks.Count, r.Excludes.Count) : (-1, -1));

    [Theory]
    [InlineData("email", "[\"a@b.org\"]")]
    [InlineData("role", "[\"mentor\"]")]
    [InlineData("meeting", "[\"online\"]")]
    [InlineData("name", "5")]
    [InlineData("name", "null")]
    [InlineData("years_in_sector", "{}")]
    [InlineData("offers", "[\"Policy\",1]")]
    [InlineData("consent", "1")]
    public void An_application_field_of_the_wrong_json_type_is_named_and_never_turned_into_text(string field, string value)
    {
        var body = new Dictionary<string, object?>(SpecificCases.Application("c")) { [field] = JsonDocument.Parse(value).RootElement };
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(body));
        var read = ApplicationInputReader.FromJson(doc.RootElement);
        Assert.Equal([field], read.Errors.Keys);
        Assert.DoesNotContain("[", read.Input.Email ?? "");
    }

    [Theory]
    [InlineData("checkin", "checkin", TokenStatus.Valid)]
    [InlineData("checkinx", "checkin", TokenStatus.Tampered)]
    [InlineData("check", "checkin", TokenStatus.Tampered)]
    [InlineData("feedback:final", "feedback", TokenStatus.Valid)]
    [InlineData("feedback:nope", "feedback", TokenStatus.Tampered)]
    [InlineData("feedback", "feedback", TokenStatus.Tampered)]
    [InlineData("feedbackx:final", "feedback", TokenStatus.Tampered)]
    public void Link_purposes_match_exactly(string signed, string wanted, TokenStatus expected)
    {
        var tokens = new LinkTokens(Encoding.UTF8.GetBytes("k"), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(57)));
        Assert.Equal(expected, tokens.Read(tokens.Issue("c", "p", null, signed, TimeSpan.FromDays(1)), wanted).Status);
    }

    [Theory]
    [InlineData("{\"Cohort\":\"c\",\"Person\":\"p\",\"Expires\":4102444800}")]
    [InlineData("{\"Cohort\":\"c\",\"Person\":\"p\",\"Purpose\":null,\"Expires\":4102444800}")]
    [InlineData("{\"Cohort\":\"c\",\"Person\":\"p\",\"Purpose\":\"checkin\",\"Expires\":\"never\"}")]
    [InlineData("{\"Cohort\":\"c\",\"Person\":\"p\",\"Purpose\":\"checkin\",\"Expires\":99999999999999999}")]
    [InlineData("[\"checkin\"]")]
    [InlineData("not json")]
    public void A_signed_link_whose_claim_is_incomplete_is_refused_not_thrown(string claim)
    {
        var tokens = new LinkTokens(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("secret")),
            new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(57)));
        Assert.Equal(TokenStatus.Tampered, tokens.Read(Malformations.Signed("secret", claim), "checkin").Status);
    }
}
