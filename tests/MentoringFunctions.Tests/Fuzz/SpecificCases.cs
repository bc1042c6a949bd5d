using System.Text.Json;
using static MentoringFunctions.Tests.Fuzz.Malformations;

namespace MentoringFunctions.Tests.Fuzz;

/// <summary>Each endpoint's own malformations: fields of the wrong type, values out of range, the probe's findings.</summary>
public static class SpecificCases
{
    public static IEnumerable<FuzzCase> For(FuzzWorld w) =>
        Applications(w).Concat(Cohorts(w)).Concat(MatchRuns(w)).Concat(Links(w)).Concat(Pages(w)).Concat(Admin(w));

    /// <summary>
    /// A valid application but for one field, so the one field is what is refused; "both" roles, so that
    /// offers, seeks and capacity all count.
    /// </summary>
    public static Dictionary<string, object?> Application(string cohort) => new()
    {
        ["cohort"] = cohort, ["role"] = "both", ["name"] = "Fuzz Person", ["email"] = "fuzz@example.org",
        ["organisation"] = "Org", ["years_in_sector"] = 3, ["region"] = "North West", ["meeting"] = "online",
        ["offers"] = new[] { "Policy" }, ["seeks"] = new[] { "Finance" }, ["capacity"] = 1, ["consent"] = true,
    };

    private static HttpContent Json(object value) => Text(JsonSerializer.Serialize(value));

    private static IEnumerable<FuzzCase> Applications(FuzzWorld w)
    {
        FuzzCase With(string name, string field, object? value, bool remove = false)
        {
            var body = Application(w.Cohort);
            if (remove) body.Remove(field); else body[field] = value;
            return new FuzzCase("SubmitApplication", name, "POST", "/api/applications", () => Json(body), Access.Anonymous);
        }
        foreach (var field in new[] { "cohort", "role", "name", "email", "organisation", "region", "meeting", "notes" })
        {
            yield return With($"{field} as an array", field, new[] { "a@b.org" });
            yield return With($"{field} as an object", field, new { x = 1 });
            yield return With($"{field} with NUL", field, "mentee\0");
            yield return With($"{field} of 70 KB", field, new string('a', 70_000));
        }
        foreach (var field in new[] { "cohort", "role", "name", "email", "region", "meeting", "years_in_sector" })
            yield return With($"{field} null", field, null);
        foreach (var field in new[] { "years_in_sector", "capacity" })
        {
            yield return With($"{field} as an array", field, new[] { 1 });
            yield return With($"{field} negative", field, -1);
            yield return With($"{field} fractional", field, 2.5);
            yield return With($"{field} huge", field, 1e300);
        }
        foreach (var field in new[] { "offers", "seeks", "avoid" })
        {
            yield return With($"{field} as a number", field, 7);
            yield return With($"{field} with a number", field, new object[] { "Finance", 1 });
            yield return With($"{field} with null", field, new object?[] { null });
            yield return With($"{field} with 21 items", field, Enumerable.Range(0, 21).Select(i => $"t{i}").ToArray());
            yield return With($"{field} with a control character", field, new[] { "Fin\u001bance" });
        }
        yield return With("consent as a number", "consent", 1);
        yield return With("consent false", "consent", false);
        yield return With("email missing", "email", null, remove: true);
        yield return With("unknown cohort", "cohort", "no-such-cohort");
        yield return With("role both roles", "role", "mentor;mentee");
        yield return With("seeks an unknown topic", "seeks", new[] { "Astrology" });
        yield return With("seeks 'A;B'", "seeks", "Finance;Astrology");
        yield return With("notes of 5,000 characters", "notes", new string('n', 5000));
        yield return With("notes with a bell", "notes", "line one\nline \u0007two");
        yield return With("name with a line break", "name", "Fuzz\nPerson");
        yield return new FuzzCase("SubmitApplication", "5 MB with 500,000 offers", "POST", "/api/applications",
            () => Text("{\"cohort\":\"" + w.Cohort + "\",\"role\":\"mentor\",\"offers\":[" + string.Join(",", Enumerable.Repeat("\"Finance\"", 500_000)) + "]}"),
            Access.Anonymous);
        yield return new FuzzCase("SubmitApplication", "form: role twice", "POST", "/api/applications",
            () => Form(("cohort", w.Cohort), ("role", "mentor"), ("role", "mentee"), ("name", "A"), ("email", "f@example.org")), Access.Anonymous);
        yield return new FuzzCase("SubmitApplication", "form: name with NUL", "POST", "/api/applications",
            () => Form(("cohort", w.Cohort), ("role", "mentee"), ("name", "A\0"), ("email", "f@example.org"), ("region", "Wales"),
                ("meeting", "online"), ("seeks", "Finance"), ("years_in_sector", "1"), ("consent", "on")), Access.Anonymous,
            Headers: new Dictionary<string, string> { ["Accept"] = "text/html" });
        yield return new FuzzCase("SubmitApplication", "form: a file", "POST", "/api/applications", () =>
        {
            var multipart = new MultipartFormDataContent { { new StringContent(w.Cohort), "cohort" } };
            multipart.Add(new ByteArrayContent(new byte[100]), "file", "x.bin");
            return multipart;
        }, Access.Anonymous);
    }

    private static IEnumerable<FuzzCase> Cohorts(FuzzWorld w)
    {
        Dictionary<string, object?> Cohort(string id) => new()
        {
            ["id"] = id, ["name"] = "Fuzz cohort", ["applicationsOpen"] = "2027-01-01", ["applicationsClose"] = "2027-01-31",
            ["programmeStart"] = "2027-02-15", ["midpoint"] = "2027-08-15", ["programmeEnd"] = "2028-02-15",
            ["topics"] = new[] { "Finance" },
        };
        var bad = new (string Name, string Field, object? Value)[]
        {
            ("topics [null]", "topics", new object?[] { null }), ("topics 'A;B'", "topics", new[] { "A;B" }),
            ("topics a string", "topics", "Finance"), ("topics 51", "topics", Enumerable.Range(0, 51).Select(i => $"t{i}").ToArray()),
            ("topic of 101 characters", "topics", new[] { new string('t', 101) }), ("topic with NUL", "topics", new[] { "Fi\0" }),
            ("regions 'A;B'", "regions", new[] { "North;South" }), ("name of 70 KB", "name", new string('n', 70_000)),
            ("name with NUL", "name", "Fuzz\0"), ("name a number", "name", 5), ("name an array", "name", new[] { "x" }),
            ("name with a line break", "name", "Fuzz\ncohort"),
            ("date in another format", "applicationsOpen", "01/01/2027"), ("date a number", "programmeStart", 20270215),
            ("timeZone an array", "timeZone", new[] { "Europe/London" }), ("timeZone unknown", "timeZone", "Mars/Olympus"),
            ("workingGroupEmails not addresses", "workingGroupEmails", new[] { "nobody" }),
            ("workingGroupEmails [null]", "workingGroupEmails", new object?[] { null }),
            ("rhythm an array", "rhythm", new[] { 1 }), ("digest day a number", "rhythm", new { digestDay = 9 }),
            ("lunch joinUrl javascript", "rhythm", new { lunch = new { joinUrl = "javascript:alert(1)" } }),
            ("catchUpDays 0", "rhythm", new { catchUpDays = 0 }), ("checkInEveryMonths 1000", "rhythm", new { checkInEveryMonths = 1000 }),
            ("joinUrl null", "rhythm", new { lunch = new { joinUrl = (string?)null } }),
            ("notifyWorkingGroup a string", "notifyWorkingGroup", "yes"),
        };
        foreach (var (name, field, value) in bad)
        {
            var create = Cohort("fuzz-" + Guid.NewGuid().ToString("N")[..8]);
            create[field] = value;
            yield return new FuzzCase("CreateCohort", name, "POST", "/api/cohorts", () => Json(create), Access.Key);
            var update = Cohort(w.Cohort);
            update[field] = value;
            yield return new FuzzCase("UpdateCohort", name, "PUT", $"/api/cohorts/{w.Cohort}", () => Json(update), Access.Key);
        }
        yield return new FuzzCase("CreateCohort", "id with a slash", "POST", "/api/cohorts", () => Json(Cohort("a/b")), Access.Key);
        yield return new FuzzCase("CreateCohort", "existing id", "POST", "/api/cohorts", () => Json(Cohort(w.Cohort)), Access.Key);
        yield return new FuzzCase("UpdateCohort", "stale If-Match", "PUT", $"/api/cohorts/{w.Cohort}", () => Json(Cohort(w.Cohort)),
            Access.Key, Headers: new Dictionary<string, string> { ["If-Match"] = "W/\"datetime'2001-01-01T00%3A00%3A00Z'\"" });
    }

    private static IEnumerable<FuzzCase> MatchRuns(FuzzWorld w)
    {
        var start = $"/api/cohorts/{w.Cohort}/match-runs";
        string[] bodies =
        [
            "[]", "\"x\"", "{\"locks\":[null]}", "{\"locks\":\"x\"}", "{\"locks\":[1]}", "{\"locks\":[{}]}",
            "{\"locks\":[{\"mentor\":1,\"mentee\":2}]}", $"{{\"locks\":[{{\"mentor\":\"{w.MenteeId}\",\"mentee\":\"{w.MenteeId}\"}}]}}",
            $"{{\"locks\":[{{\"mentor\":\"{w.MentorId}\",\"mentee\":\"{w.MentorEmail}\"}}]}}",
            $"{{\"excludes\":[{{\"mentor\":\"{w.MentorId}\",\"mentee\":null}}]}}", "{\"excludes\":{}}",
            "{\"settings\":[]}", "{\"settings\":\"x\"}", "{\"settings\":{\"nope\":1}}", "{\"settings\":{\"weights\":{\"topics\":-1}}}",
            "{\"settings\":{\"locks\":[null]}}", "{\"basedOn\":5}", "{\"basedOn\":\"no-such-run\"}", "{\"basedOn\":\"a/b\"}",
            "{\"locks\":[{\"mentor\":\"nobody\",\"mentee\":\"nobody-else\"}]}",
        ];
        foreach (var body in bodies)
            yield return new FuzzCase("StartMatchRun", "body " + body[..Math.Min(40, body.Length)], "POST", start, () => Text(body), Access.Key);
        var rerun = $"/manage/match-runs/{w.Run}/rerun";
        yield return new FuzzCase("RerunMatchRun", "empty body", "POST", rerun, () => null, Access.Cookie);
        yield return new FuzzCase("RerunMatchRun", "lock not a pair", "POST", rerun, () => Form(("lock", "garbage")), Access.Cookie);
        yield return new FuzzCase("RerunMatchRun", "lock empty half", "POST", rerun, () => Form(("lock", "|x")), Access.Cookie);
        yield return new FuzzCase("RerunMatchRun", "lock of one person", "POST", rerun, () => Form(("lock", $"{w.MenteeId}|{w.MenteeId}")), Access.Cookie);
        yield return new FuzzCase("RerunMatchRun", "exclude of strangers", "POST", rerun, () => Form(("exclude", "a|b")), Access.Cookie);
        yield return new FuzzCase("CompareMatchRunsPage", "no other run", "GET", $"/manage/match-runs/{w.Run}/compare", () => null, Access.Cookie);
        yield return new FuzzCase("CompareMatchRunsPage", "other unknown", "GET", $"/manage/match-runs/{w.Run}/compare?other=x%23y", () => null, Access.Cookie);
    }

    private static IEnumerable<FuzzCase> Links(FuzzWorld w)
    {
        (string, string)[] Hours(string date, string minutes) => [("t", w.Tokens["hours"]), ("date", date), ("minutes", minutes)];
        foreach (var (date, minutes) in new[]
                 {
                     ("0001-01-01", "60"), ("2027-03-01", "600"), ("2027-03-01", "481"), ("2027-03-01", "4"), ("2027-03-01", "-5"),
                     ("2027-03-01", "1e3"), ("2027-03-01", "60.5"), ("2027-13-01", "60"), ("9999-12-31", "60"), ("2026-12-31", "60"),
                     ("", ""), ("2027-03-01\0", "60"), ("3 March 2027", "60"), ("2027-03-01", "99999999999999999999"),
                 })
            yield return new FuzzCase("LogHours", $"date {date} minutes {minutes}", "POST", "/p/hours", () => Form(Hours(date, minutes)), Access.Anonymous);
        foreach (var answer in new[] { "maybe", "MET", "met\0", "" })
            yield return new FuzzCase("CheckIn", $"answer '{answer}'", "POST", "/p/checkin",
                () => Form(("t", w.Tokens["checkin"]), ("answer", answer)), Access.Anonymous);
        var feedback = new Dictionary<string, object?>
        {
            ["token"] = w.Tokens["feedback"], ["overall"] = 4, ["usefulness"] = 4, ["relationship"] = 4, ["wants_to_continue"] = "yes",
        };
        foreach (var (field, value) in new (string, object?)[]
                 {
                     ("overall", 6), ("overall", new[] { 4 }), ("usefulness", "x"), ("relationship", new { a = 1 }), ("meetings_held", -1),
                     ("hours_spent", 1e9), ("wants_to_continue", "maybe"), ("comments", "a\0b"), ("comments", new string('c', 4001)),
                     ("token", new[] { "x" }), ("token", 5),
                 })
        {
            var body = new Dictionary<string, object?>(feedback) { [field] = value };
            yield return new FuzzCase("SubmitFeedback", $"{field} = {JsonSerializer.Serialize(value)[..Math.Min(20, JsonSerializer.Serialize(value).Length)]}",
                "POST", "/api/feedback", () => Json(body), Access.Anonymous);
        }
        yield return new FuzzCase("SubmitFeedback", "form: overall twice", "POST", "/api/feedback",
            () => Form(("t", w.Tokens["feedback"]), ("overall", "4"), ("overall", "5")), Access.Anonymous);
        yield return new FuzzCase("Unsubscribe", "token only in a JSON body", "POST", "/p/unsubscribe",
            () => Json(new { t = w.Tokens["unsubscribe"] }), Access.Anonymous);
    }

    private static IEnumerable<FuzzCase> Pages(FuzzWorld w)
    {
        foreach (var path in new[] { "/no-such-page", "/%01", "/..%2F..%2Fetc%2Fpasswd", "/a/b/c/d/e", "/%E2%80%AE", "/" + new string('x', 2000) })
            yield return new FuzzCase("Home", "path " + path[..Math.Min(30, path.Length)], "GET", path, () => null, Access.Anonymous);
        yield return new FuzzCase("SignIn", "json key", "POST", "/manage/login", () => Json(new { key = "test-admin-key" }), Access.Anonymous);
        yield return new FuzzCase("SignIn", "key twice", "POST", "/manage/login", () => Form(("key", "x"), ("key", "y")), Access.Anonymous);
        yield return new FuzzCase("SignIn", "key with NUL", "POST", "/manage/login", () => Form(("key", "test-admin-key\0")), Access.Anonymous);
    }

    private static IEnumerable<FuzzCase> Admin(FuzzWorld w)
    {
        foreach (var query in new[] { "minYears=abc", "maxYears=-1", "role=wizard", "meeting=teleport", "status=zombie", "q=%00", "role=a&role=b" })
        {
            yield return new FuzzCase("ListApplications", query, "GET", $"/api/cohorts/{w.Cohort}/applications?{query}", () => null, Access.Key);
            yield return new FuzzCase("ExportApplications", query, "GET", $"/api/cohorts/{w.Cohort}/applications.csv?{query}", () => null, Access.Key);
        }
        const string header = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n";
        foreach (var (name, csv) in new[] { ("wrong header", "name,email\nA,a@example.org\n"), ("header only in UTF-16", header) })
        {
            var bytes = name.Contains("UTF-16") ? System.Text.Encoding.Unicode.GetBytes(csv) : System.Text.Encoding.UTF8.GetBytes(csv);
            yield return new FuzzCase("ImportApplications", name, "POST", $"/api/cohorts/{w.Cohort}/applications/import", () => Raw(bytes, "text/csv"), Access.Key);
            yield return new FuzzCase("ImportPage", name, "POST", $"/manage/cohorts/{w.Cohort}/import", () =>
                new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "a.csv" } }, Access.Cookie);
        }
    }
}
