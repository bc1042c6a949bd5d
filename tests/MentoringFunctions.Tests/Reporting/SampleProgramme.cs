using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Tests.Reporting;

/// <summary>
/// A programme year with the pilot's shape, written straight into the stores with dates in the past so the charts
/// have a history: mentors mostly early-career or very senior, mentees bunched at 5-14 years. Deterministic.
/// </summary>
internal static class SampleProgramme
{
    private static readonly string[] First = ["Aisha", "Ben", "Carys", "Dev", "Elena", "Finn", "Grace", "Hamza", "Isla", "Jonah",
        "Kemi", "Liam", "Maya", "Niall", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vik", "Wen", "Xavi", "Yusuf", "Zara"];
    private static readonly string[] Last = ["Adams", "Bell", "Choudhury", "Davies", "Evans", "Fraser", "Gill", "Hughes", "Iqbal",
        "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Owen", "Patel", "Reid", "Shah", "Taylor", "Walsh"];
    private static readonly string[] Regions = ["North West", "Yorkshire and the Humber", "London", "Scotland", "Wales", "South West"];
    private static readonly string[] Topics = ["Finance", "Procurement", "Policy", "Heat network design"];

    public static readonly (string Comment, bool Quote)[] Comments =
    [
        ("My mentor helped me see the commercial side of heat networks; I now lead our tender reviews.", true),
        ("Having someone outside my organisation to test ideas with has been invaluable.", true),
        ("Mentoring made me reflect on twenty years of mistakes, in a good way.", true),
        ("Hard to find time, but every session was worth it.", true),
        ("Please do not share this: my manager does not know I am looking to move.", false),
        ("We have not really clicked.", false),
    ];

    /// <param name="scale">1 for this year; smaller for an earlier, smaller cohort.</param>
    public static async Task SeedAsync(string connection, string cohort, DateTimeOffset start, DateTimeOffset now, double scale = 1)
    {
        var tables = new TableServiceClient(connection);
        var applications = new ApplicationRepository(tables);
        var matches = new MatchRunStore(tables, new BlobServiceClient(connection));
        var participation = new ParticipationStore(tables);
        var random = new Random(cohort.Length + (int)(scale * 100));
        var mentorYears = new[] { 2, 3, 3, 4, 4, 2, 3, 4, 3, 2, 4, 3, 2, 18, 21, 24, 27, 30, 19 };
        var menteeYears = new[] { 0, 1, 1, 2, 2, 3, 3, 4, 1, 2, 5, 6, 6, 7, 8, 8, 9, 9, 10, 11, 11, 12, 12, 13, 14, 14, 16, 22 };
        var people = new List<CohortApplication>();
        CohortApplication Person(string id, Role role, int years, int n)
        {
            var name = $"{First[n % First.Length]} {Last[(n * 7) % Last.Length]}";
            var submitted = start.AddDays(-40 + random.Next(0, 30)).AddHours(random.Next(8, 20));
            var app = new Application(id, role, name, $"{id}@{cohort}.example", $"Org {n % 9}", years, Regions[n % Regions.Length],
                MeetingPreference.Either, role == Role.Mentor ? Topics : [], role == Role.Mentee ? [Topics[n % Topics.Length]] : [],
                role == Role.Mentor ? 1 + n % 2 : 0, [], "");
            return new CohortApplication(cohort, app, n % 17 == 16 ? ApplicationStatus.Withdrawn : ApplicationStatus.Active, "form",
                submitted, submitted, submitted, 1);
        }
        var mentorCount = (int)(mentorYears.Length * scale);
        var menteeCount = (int)(menteeYears.Length * scale);
        for (var i = 0; i < mentorCount; i++) people.Add(Person($"m{i}", Role.Mentor, mentorYears[i * mentorYears.Length / mentorCount], i));
        for (var i = 0; i < menteeCount; i++)
            people.Add(Person($"e{i}", Role.Mentee, menteeYears[i * menteeYears.Length / menteeCount], i + 30));
        foreach (var p in people) await applications.AddAsync(p);

        // Greedy pairing under the experience-gap rule, so the 5-15-year mentees are the ones left without a mentor.
        var places = people.Where(p => p.Role == Role.Mentor && p.Status == ApplicationStatus.Active)
            .ToDictionary(p => p.Id, p => p.Application.Capacity);
        var pairs = new List<PublishedMatch>();
        foreach (var mentee in people.Where(p => p.Role == Role.Mentee && p.Status == ApplicationStatus.Active).OrderBy(p => p.YearsInSector))
        {
            var mentor = people.FirstOrDefault(m => places.GetValueOrDefault(m.Id) > 0 && m.YearsInSector >= mentee.YearsInSector + 2);
            if (mentor is null) continue;
            places[mentor.Id]--;
            var n = pairs.Count;
            var met = n % 6 == 5 ? "" : DateOnly.FromDateTime(start.AddDays(4 + n * 3 % 35).UtcDateTime).ToString("O");
            pairs.Add(new PublishedMatch(cohort, PublishedMatch.KeyFor(mentor.Id, mentee.Id), "sample", mentor.Id, mentor.Email,
                mentor.Name, mentee.Id, mentee.Email, mentee.Name, "Finance", 80, MatchStatus.Introduced, start,
                n == 7 ? start.AddDays(60) : null, met, n % 5 == 4 ? null : start.AddDays(32), n % 5 == 4 ? "" : "met"));
        }
        await matches.UpsertMatchesAsync(pairs, CancellationToken.None);

        for (var n = 0; n < pairs.Count; n++)
        {
            var pair = pairs[n];
            var (comment, quote) = n < Comments.Length ? Comments[n] : ("", false);
            var overall = n % 6 == 5 ? 2 : 3 + n % 3;
            await participation.SaveFeedbackAsync(cohort, new Feedback(pair.MenteeId, "midpoint", pair.Key, overall, Math.Min(5, overall + 1),
                overall, 3 + n % 4, 0, overall > 2, n == 3, overall == 2, comment, start.AddDays(75), quote), CancellationToken.None);
            if (n % 2 == 0)
                await participation.SaveFeedbackAsync(cohort, new Feedback(pair.MentorId, "midpoint", pair.Key, 4 + n % 2, 4, 5, 4, 5.5,
                    true, false, false, "", start.AddDays(76), false), CancellationToken.None);
            for (var day = start.AddDays(10 + n % 7); day < now; day = day.AddDays(30))
                await participation.LogSessionAsync(cohort, new Session(pair.MentorId, pair.Key, DateOnly.FromDateTime(day.UtcDateTime),
                    60 + 15 * (n % 3), day), CancellationToken.None);
        }
    }
}
