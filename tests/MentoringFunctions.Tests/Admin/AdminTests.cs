using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentoringFunctions.Applications;
using MentoringFunctions.Imports;
using MentoringFunctions.Storage;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Admin;

[Collection(AppCollection.Name)]
public class AdminTests(AppFixture app)
{
    private const string Header = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes\n";

    [Fact]
    public async Task Login_form_sets_a_secure_http_only_cookie_that_opens_the_admin_pages()
    {
        var client = app.Client();
        var page = await client.GetAsync("/manage");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("Working group sign-in", await page.Content.ReadAsStringAsync());

        var wrong = await client.PostAsync("/manage/login", new FormUrlEncodedContent([new("key", "nope")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("That key is not right", await wrong.Content.ReadAsStringAsync());

        var login = await client.PostAsync("/manage/login", new FormUrlEncodedContent([new("key", AppFixture.AdminKey)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie.ToLowerInvariant());
        Assert.Contains("secure", cookie.ToLowerInvariant());
        Assert.Contains("samesite=strict", cookie.ToLowerInvariant());
        Assert.DoesNotContain(AppFixture.AdminKey, cookie);

        var request = new HttpRequestMessage(HttpMethod.Get, "/manage");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var dashboard = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Cohorts", await dashboard.Content.ReadAsStringAsync());

        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/cohorts");
        forged.Headers.Add("Cookie", "mf_admin=99999999999.ABCDEF");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Import_reports_each_row_keeps_good_rows_and_loses_nothing_stored()
    {
        var cohort = await app.CreateCohortAsync();
        var admin = app.AdminClient();
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "existing@example.org", "Existing"));

        var csv = Header +
                  "m1,Mentor,Mo Mentor,mo@example.org,Heat Co,15,wales,In-Person,finance;policy,,3,,\"Likes, commas\"\n" +
                  ",MENTEE,Existing Renamed,EXISTING@example.org,Org A,3,North West,either,,finance,,,\n" +
                  "bad,wizard,Bad Row,bad@example.org,X,1,Wales,online,,finance,,,\n" +
                  "m2,both,Dup,mo@example.org,Y,9,Wales,online,policy,finance,1,,\n" +
                  "too,few,columns\n" +
                  "m3,mentee,Neil New,neil@example.org,,0,London,online,,Procurement,,mo@example.org,\n";
        var report = await app.ImportAsync(cohort, csv);

        Assert.Equal(ImportStatus.Done, report.Status);
        Assert.Equal((2, 1, 0, 3), (report.Added, report.Updated, report.Unchanged, report.Rejected));
        Assert.Equal(["added", "updated", "rejected", "rejected", "rejected", "added"], report.Rows!.Select(r => r.Outcome));
        Assert.Equal([2, 3, 4, 5, 6, 7], report.Rows!.Select(r => r.Line));
        Assert.Contains("'wizard' is not a role", report.Rows![2].Errors["role"][0]);
        Assert.Contains("line 2", report.Rows[3].Errors["email"][0]);
        Assert.Contains("expected 13 columns", report.Rows[4].Errors["row"][0]);

        var stored = await ApplicationRows.Of(app.Azurite.Tables, cohort).ToListAsync();
        Assert.Equal(3, stored.Count);
        var mo = stored.Single(e => e.Email == "mo@example.org").ToApplication();
        Assert.Equal(("m1", 3, "Wales"), (mo.Id, mo.Capacity, mo.Region));
        Assert.Equal(["Finance", "Policy"], mo.Offers);   // canonical spelling from the cohort's topics
        Assert.Equal("Existing Renamed", stored.Single(e => e.Email == "existing@example.org").Name);

        // Export, then import the export: nothing changes.
        var export = await admin.GetStringAsync($"/api/cohorts/{cohort}/applications.csv");
        Assert.StartsWith(Header.TrimEnd('\n'), export);
        var again = await app.ImportAsync(cohort, export);
        Assert.Equal((0, 0, 3, 0), (again.Added, again.Updated, again.Unchanged, again.Rejected));
    }

    [Fact]
    public async Task A_file_with_the_wrong_header_is_refused_whole()
    {
        var cohort = await app.CreateCohortAsync();
        var response = await app.AdminClient().PostAsync($"/api/cohorts/{cohort}/applications/import",
            new StringContent("name,email\nA,a@example.org\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 1, column 1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task List_filters_cross_cut_role_region_topic_and_years()
    {
        var cohort = await app.CreateCohortAsync();
        var admin = app.AdminClient();
        var csv = Header +
                  "1,mentor,A,a@example.org,O1,20,Wales,online,Finance,,2,,\n" +
                  "2,both,B,b@example.org,O2,8,Wales,online,Policy,Finance,1,,\n" +
                  "3,mentee,C,c@example.org,O3,2,London,online,,Finance,,,\n" +
                  "4,mentee,D,d@example.org,O4,6,Wales,online,,Procurement,,,\n";
        await app.ImportAsync(cohort, csv);

        async Task<string[]> Ids(string query) =>
            (await admin.GetFromJsonAsync<List<ApplicationView>>($"/api/cohorts/{cohort}/applications?{query}"))!.Select(a => a.Id).Order().ToArray();
        Assert.Equal(["1", "2"], await Ids("role=mentor"));          // "both" offers mentoring too
        Assert.Equal(["2", "3", "4"], await Ids("role=mentee"));
        Assert.Equal(["1", "2", "4"], await Ids("region=wales"));
        Assert.Equal(["2", "3"], await Ids("role=mentee&topic=finance"));
        Assert.Equal(["2", "4"], await Ids("minYears=5&maxYears=10"));
        Assert.Equal(["2"], await Ids("q=b%40example"));
        var csvExport = await admin.GetStringAsync($"/api/cohorts/{cohort}/applications.csv?region=London");
        Assert.Equal(2, csvExport.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task Admin_pages_list_applications_and_the_outbox()
    {
        var cohort = await app.CreateCohortAsync();
        await app.Client().PostAsJsonAsync("/api/applications", AppFixture.Mentee(cohort, "page@example.org", "Paige <script>"));
        var admin = app.AdminClient();
        var page = await admin.GetStringAsync($"/manage/cohorts/{cohort}");
        Assert.Contains("Paige &lt;script&gt;", page);
        Assert.DoesNotContain("<script>", page);
        var outbox = await admin.GetStringAsync("/manage/outbox");
        Assert.Contains("page@example.org", outbox);
        Assert.Contains("SendGrid", outbox);
    }
}
