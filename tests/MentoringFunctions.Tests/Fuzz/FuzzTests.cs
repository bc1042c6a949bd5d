using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MentoringFunctions.Tests.Fuzz;

/// <summary>
/// Hundreds of malformed requests to every HTTP function (found from functions.metadata), admin ones
/// with the key or the sign-in cookie so the input reaches the handler. None may get a server error,
/// each must be refused with a problem or an error page, and every table must be exactly as before.
/// </summary>
[Collection(AppCollection.Name)]
public class FuzzTests(AppFixture app, ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [Fact]
    public async Task Malformed_input_to_every_http_function_is_refused_without_a_500_and_writes_nothing()
    {
        var world = await WorldAsync();
        var functions = app.Factory.Services.GetRequiredService<FunctionApp>();
        var cases = FuzzCases.All(functions, world);
        var uncovered = functions.Http.Select(f => f.Name).Except(cases.Select(c => c.Function)).ToList();
        Assert.True(uncovered.Count == 0, "HTTP functions without fuzz cases: " + string.Join(", ", uncovered));
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");

        var before = await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs, app.Azurite.Queues);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        using var gate = new SemaphoreSlim(Concurrency);
        await Task.WhenAll(cases.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                var (status, problem) = await SendAsync(c, world);
                lock (failures)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (problem is not null) failures.Add($"{c}: {status} {problem}");
                }
            }
            finally { gate.Release(); }
        }));
        var after = await TableSnapshot.TakeAsync(app.Azurite.Tables, app.Azurite.Blobs, app.Azurite.Queues);

        output.WriteLine($"{cases.Count} cases over {functions.Http.Count()} functions in {clock.Elapsed.TotalSeconds:0.0} s; " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Order().Take(60)));
        var diff = TableSnapshot.Diff(before, after);
        Assert.True(diff.Count == 0, "Rejected requests wrote to storage:\n" + string.Join("\n", diff.Take(40)));
    }

    /// <summary>The answer's status, and what is wrong with it (null when it is what the case expects).</summary>
    private async Task<(int Status, string? Problem)> SendAsync(FuzzCase c, FuzzWorld world)
    {
        var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path) { Content = c.Body() };
        if (c.Access == Access.Key) request.Headers.Add(AdminAccess.Header, AppFixture.AdminKey);
        if (c.Access == Access.Cookie)
        {
            request.Headers.Add("Cookie", world.AdminCookie.Cookie);
            request.Headers.Add(Csrf.Header, world.AdminCookie.CsrfToken);
        }
        foreach (var (name, value) in c.Headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await app.Client().SendAsync(request);
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) return (status, "server error: " + body[..Math.Min(300, body.Length)]);
        if (status == 429) return (status, "rate limited: the input never reached the handler");
        if (status == 401 && c.Access != Access.Anonymous) return (status, "the admin guard refused: the input never reached the handler");
        if (c.Expect == Expect.Harmless) return (status, null);
        if (status is < 400 or >= 500) return (status, "accepted");
        return type switch
        {
            "application/problem+json" when IsProblem(body) => (status, null),
            "text/html" when body.Contains("<h1", StringComparison.Ordinal) => (status, null),
            _ => (status, $"a {type ?? "body-less"} answer, not problem details or an error page: {body[..Math.Min(200, body.Length)]}"),
        };
    }

    private static bool IsProblem(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 }
            && doc.RootElement.TryGetProperty("status", out _);
    }

    /// <summary>A cohort with a mentor and a mentee, a queued run, and links of each purpose (live and expired) for the mentor.</summary>
    private async Task<FuzzWorld> WorldAsync()
    {
        var cohort = await app.CreateCohortAsync();
        (await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "fuzz-mentee@example.org"))).EnsureSuccessStatusCode();
        var mentorBody = new Dictionary<string, object>(SpecificCases.Application(cohort)!
            .Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!))
        {
            ["role"] = "mentor", ["email"] = "fuzz-mentor@example.org", ["offers"] = new[] { "Finance" },
        };
        (await app.Client().PostAsJsonAsync("/api/applications", mentorBody)).EnsureSuccessStatusCode();
        // The ids as stored, whatever the submission's answer says.
        var stored = await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync();
        var (mentorId, menteeId) = (stored.Single(e => e.Email == "fuzz-mentor@example.org").Id,
            stored.Single(e => e.Email == "fuzz-mentee@example.org").Id);
        var run = await (await app.AdminClient().PostAsJsonAsync($"/api/cohorts/{cohort}/match-runs", new { }))
            .Content.ReadFromJsonAsync<MatchRunView>(MatchRunResult.Json);
        var tokens = app.Factory.Services.GetRequiredService<LinkTokens>();
        var links = new Dictionary<string, string>();
        foreach (var (key, purpose) in new[] { ("checkin", "checkin"), ("hours", "hours"), ("unsubscribe", "unsubscribe"), ("feedback", "feedback:midpoint"),
                     ("apply-change", "apply-change") })
        {
            links[key] = tokens.Issue(cohort, mentorId, null, purpose, TimeSpan.FromDays(30));
            links["expired:" + key] = tokens.Issue(cohort, mentorId, null, purpose, TimeSpan.FromDays(-1));
        }
        return new FuzzWorld(cohort, mentorId, "fuzz-mentor@example.org", menteeId, run!.Id,
            await app.SignInAsync(AppFixture.OrganiserEmail, allCohorts: true), links, "test-links-secret");
    }
}
