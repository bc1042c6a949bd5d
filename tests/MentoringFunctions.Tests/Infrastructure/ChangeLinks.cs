using System.Text.RegularExpressions;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>The links in "confirm the change" e-mails, as the owner of the address would follow them.</summary>
public static partial class ChangeLinks
{
    [GeneratedRegex(@"https://mentoring\.example/p/confirm-change\?t=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex Link();

    /// <summary>The token of every change e-mail queued for the address in the cohort, oldest first.</summary>
    public static async Task<List<string>> TokensAsync(this AppFixture app, string cohort, string email) =>
        (await app.OutboxAsync(cohort)).Where(e => e.Kind == "application-change" && e.ToEmail == email)
            .OrderBy(e => e.CreatedAt).Select(e => Link().Match(e.Text).Groups[1].Value).ToList();

    /// <summary>Presses Confirm on the page behind the link.</summary>
    public static Task<HttpResponseMessage> ConfirmAsync(this AppFixture app, string token) =>
        app.Client().PostAsync("/p/confirm-change", new FormUrlEncodedContent([new("t", token)]));
}
