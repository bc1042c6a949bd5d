using System.Globalization;
using MentoringFunctions.Admin;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Reporting;
using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Reporting;

public sealed record DashboardView(string Title, Cohort Cohort, DashboardFigures Figures, string MatchedPercent,
    string CheckInPercent, bool Wide = true);

public sealed record NetworkRow(string Name, int Applicants, int Pairs, string Matched, string FirstMeetings, string Retention,
    string Satisfaction, string CarryOn, string Hours, bool Current);

public sealed record ReportView(string Title, Cohort Cohort, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<Chart> Charts,
    IReadOnlyList<Quote> Quotes, IReadOnlyList<NetworkRow> Network, string Stem, string Rate, string RateValue, string CsvUrl,
    string Generated, string Period, bool Wide = true);

/// <summary>The working group's dashboard and the funders' impact report for one cohort, and the report's CSV.</summary>
public sealed class ReportPages(AdminAccess admin, ReportData data, ReportOptions options, TimeProvider time)
{
    [Function("CohortDashboard")]
    public Task<IResult> CohortDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/dashboard")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
    {
        if (await data.LoadAsync(cohort, ct) is not var (found, facts)) return Results.NotFound();
        var figures = Dashboard.Build(facts);
        return await PageResults.PageAsync(req.HttpContext, "dashboard", new DashboardView($"{found.Name}: dashboard", found,
            figures, Figures.Percent(figures.MatchedShare), Figures.Percent(figures.CheckInRate)));
    });

    [Function("ImpactReport")]
    public Task<IResult> ImpactReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/report")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
    {
        if (RateOf(req) is not { Valid: true } rate) return RateProblem();
        if (await data.LoadAsync(cohort, ct) is not var (found, facts)) return Results.NotFound();
        var report = Core.Reporting.ImpactReport.Build(facts, rate.Rate);
        var network = (await data.NetworkAsync(found, ct)).Select(f => Core.Reporting.ImpactReport.Build(f, rate.Rate)).ToList();
        var query = rate.Rate is { } r ? "?rate=" + r.ToString(CultureInfo.InvariantCulture) : "";
        return await PageResults.PageAsync(req.HttpContext, "report", new ReportView($"{found.Name}: impact report", found,
            Core.Reporting.ImpactReport.Rows(report, options.Currency), [YearOnYear(network), Dashboard.Ratings(facts)],
            report.Quotes, network.Select(n => Row(n, found.Id)).ToList(), Figures.NetworkStem(found.Name),
            rate.Rate is { } shown ? $"{options.Currency}{shown:0.00} an hour" : "",
            rate.Rate?.ToString(CultureInfo.InvariantCulture) ?? "",
            $"/manage/cohorts/{found.Id}/report.csv{query}", Day(found.Today(time.GetUtcNow())),
            $"from {Day(found.ProgrammeStart)} to {Day(found.ProgrammeEnd)}"));
    });

    [Function("ImpactReportCsv")]
    public Task<IResult> ImpactReportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/cohorts/{cohort}/report.csv")] HttpRequest req,
        string cohort, CancellationToken ct) => admin.Guard(req, cohort, AdminRole.Reviewer, async () =>
    {
        if (RateOf(req) is not { Valid: true } rate) return RateProblem();
        if (await data.LoadAsync(cohort, ct) is not var (found, _)) return Results.NotFound();
        var network = (await data.NetworkAsync(found, ct)).Select(f => Core.Reporting.ImpactReport.Build(f, rate.Rate))
            .OrderBy(n => n.Cohort == found.Id ? 0 : 1).ToList();
        return TypedResults.File(ReportCsv.Write(network, options.Currency), "text/csv; charset=utf-8",
            $"{found.Id}-impact-report.csv");
    });

    private static string Day(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private (bool Valid, decimal? Rate) RateOf(HttpRequest req) =>
        req.Query.TryGetValue("rate", out var given)
            ? given.Count == 1 ? ReportOptions.Rate(given[0]) : (false, null)
            : (true, options.HourlyRate);

    private static IResult RateProblem() => Problems.Field(StatusCodes.Status400BadRequest, "rate",
        $"Give the hourly rate once, as a number from 0 to {ReportOptions.MaxRate:0} with at most two decimal places (like 45.50).",
        "The hourly rate is not valid");

    private static NetworkRow Row(ImpactFigures n, string current) => new(n.Name, n.Applicants, n.Pairs,
        Figures.Percent(n.MatchedShare), Figures.Percent(n.FirstMeetingShare), Figures.Percent(n.Retention), n.AverageOverallText,
        n.Answers == 0 ? "no answers yet" : Figures.Percent(n.CarryOnShare), Figures.Number(n.MentorHours), n.Cohort == current);

    private static Chart YearOnYear(IReadOnlyList<ImpactFigures> network) => new("year-on-year", "Year on year across the network",
        string.Join(" ", network.Select(n => $"{n.Name}: {n.Applicants} participants, {n.Pairs} pairs.")), ChartKind.Bars,
        network.Select(n => n.Name).ToList(),
        [new("Participants", network.Select(n => (double)n.Applicants).ToList()), new("Pairs", network.Select(n => (double)n.Pairs).ToList())],
        "people", new HashSet<string>());
}
