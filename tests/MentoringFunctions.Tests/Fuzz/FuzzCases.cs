using System.Text.RegularExpressions;
using MentoringFunctions.Hosting;

namespace MentoringFunctions.Tests.Fuzz;

/// <summary>
/// The cases, derived from functions.metadata so that a new HTTP function is fuzzed without being listed:
/// every route value replaced in turn by a malformed one; every body-reading function given every
/// unreadable body; every function behind a signed link given every bad link; pages that take no input
/// given junk query strings; then each endpoint's own malformations (<see cref="SpecificCases"/>).
/// </summary>
public static partial class FuzzCases
{
    /// <summary>Functions that read a request body; the rest ignore it, so only a bad route reaches them with one.</summary>
    private static readonly HashSet<string> ReadBody =
    [
        "SubmitApplication", "CreateCohort", "UpdateCohort", "StartMatchRun", "ImportApplications", "ImportPage",
        "RerunMatchRun", "SignIn", "SignInWithLink", "CheckIn", "Unsubscribe", "LogHours", "SubmitFeedback", "ConfirmChange",
        "CreateCohortPage", "SaveCohortPage", "ConfirmImportPage",
    ];

    /// <summary>Behind a signed link: the purpose its links carry (feedback links carry their stage).</summary>
    private static readonly Dictionary<string, string> Links = new()
    {
        ["CheckInPage"] = "checkin", ["CheckIn"] = "checkin", ["HoursPage"] = "hours", ["LogHours"] = "hours",
        ["UnsubscribePage"] = "unsubscribe", ["Unsubscribe"] = "unsubscribe", ["FeedbackPage"] = "feedback", ["SubmitFeedback"] = "feedback",
        ["ConfirmChangePage"] = "apply-change", ["ConfirmChange"] = "apply-change",
    };

    public static IReadOnlyList<FuzzCase> All(FunctionApp app, FuzzWorld world)
    {
        var cases = new List<FuzzCase>();
        foreach (var f in app.Http)
        {
            var path = app.PathOf(f);
            var access = f.Name is "SignInPage" or "SignIn" or "SignInLinkPage" or "SignInWithLink" or "SignOut"
                ? Fuzz.Access.Anonymous : Access(path);
            var method = f.HttpMethods[0];
            var parameters = Parameters().Matches(path).Select(m => m.Groups[1].Value).ToList();
            var valid = Fill(path, f.Name, world);

            foreach (var p in parameters.Where(p => !p.StartsWith('*')))
                foreach (var (name, value) in Malformations.RouteValues())
                    cases.Add(new FuzzCase(f.Name, $"route {p}: {name}", method, Fill(path, f.Name, world, (p, value)),
                        method == "GET" ? () => null : () => Malformations.Text("{}"), access));

            if (ReadBody.Contains(f.Name))
                foreach (var (name, body) in Malformations.Bodies(emptyIsValid: f.Name == "StartMatchRun"))
                    cases.Add(new FuzzCase(f.Name, "body: " + name, method, valid, body, access));
            else if (method != "GET" && parameters.Count > 0)
                foreach (var (name, body) in Malformations.Bodies(emptyIsValid: false).Take(12))
                    cases.Add(new FuzzCase(f.Name, "bad route with body: " + name, method,
                        Fill(path, f.Name, world, (parameters[0], "nope")), body, access));

            if (Links.TryGetValue(f.Name, out var purpose))
                foreach (var (name, token) in Malformations.Tokens(world, purpose))
                    cases.Add(method == "GET"
                        ? new FuzzCase(f.Name, "link: " + name, method, token is null ? valid : $"{valid}?t={Uri.EscapeDataString(token)}", () => null, access)
                        : new FuzzCase(f.Name, "link: " + name, method, valid,
                            () => token is null ? Malformations.Form(("x", "1")) : Malformations.Form(("t", token), ("answer", "met"),
                                ("date", "2027-03-01"), ("minutes", "60"), ("overall", "4"), ("usefulness", "4"), ("relationship", "4"),
                                ("wants_to_continue", "yes")), access));

            if (method == "GET" && parameters.Count == 0 && !Links.ContainsKey(f.Name) && f.Name != "Home")
                foreach (var query in new[] { "?x=%00", "?%FF=%FE", "?a=" + new string('a', 4000), "?t=1&t=2&q=%E2%80%AE" })
                    cases.Add(new FuzzCase(f.Name, "junk query " + query[..Math.Min(8, query.Length)], method, valid + query, () => null,
                        access, Expect.Harmless));
            if (f.Name == "SignOut")
                foreach (var (name, body) in Malformations.Bodies(emptyIsValid: false).Take(8))
                    cases.Add(new FuzzCase(f.Name, "ignored body: " + name, method, valid, body, access, Expect.Harmless));
        }
        cases.AddRange(SpecificCases.For(world));
        return cases;
    }

    /// <summary>The admin API by key, the working group's pages by their sign-in cookie: both must let input through.</summary>
    private static Access Access(string path) =>
        path.StartsWith("/manage", StringComparison.Ordinal) ? Fuzz.Access.Cookie
        : path.StartsWith("/api/cohorts", StringComparison.Ordinal) || path.StartsWith("/api/match-runs", StringComparison.Ordinal)
            ? Fuzz.Access.Key : Fuzz.Access.Anonymous;

    /// <summary>The route with each value filled from the world (or the one replacement given).</summary>
    public static string Fill(string path, string function, FuzzWorld w, (string Name, string Value)? replace = null) =>
        Parameters().Replace(path, m =>
        {
            var name = m.Groups[1].Value;
            if (replace is { } r && r.Name == name) return r.Value;
            return name switch
            {
                "cohort" => w.Cohort,
                "other" => w.Run,
                "pair" => Uri.EscapeDataString($"{w.MentorId}|{w.MenteeId}"),
                "*path" => "no-such-page",
                "id" when path.StartsWith("/api/cohorts/{cohort}/applications", StringComparison.Ordinal) => w.MenteeId,
                "id" when path.StartsWith("/api/cohorts", StringComparison.Ordinal) => w.Cohort,
                "id" => w.Run,
                _ => throw new InvalidOperationException($"{function}: no value for route parameter {{{name}}}; add one to FuzzCases.Fill."),
            };
        });

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Parameters();
}
