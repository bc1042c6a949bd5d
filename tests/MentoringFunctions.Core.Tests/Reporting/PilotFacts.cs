using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Reporting;

namespace MentoringFunctions.Core.Tests.Reporting;

/// <summary>
/// A small cohort with the pilot's shape: mentees with 5-14 years and almost no mentor senior to them. Every figure
/// the tests expect is worked out by hand from these rows (see the comments beside each).
/// </summary>
internal static class PilotFacts
{
    private static readonly DateOnly Jan4 = new(2027, 1, 4), Feb1 = new(2027, 2, 1);

    private static ApplicantFact A(string id, Role role, int years, string region, int capacity, DateOnly? on = null,
        bool active = true) => new(id, role, years, region, capacity, on ?? Jan4, active);

    private static FeedbackFact F(string person, string stage, int overall, bool carryOn, string comments, bool quote,
        int day, double hours = 0, bool end = false, bool help = false) =>
        new(person, stage, overall, overall, overall, hours, carryOn, help, end, comments, quote,
            new DateTimeOffset(2027, 3, day, 12, 0, 0, TimeSpan.Zero));

    public static CohortFacts Build() => new("hx27", "Heat Exchanger 2027", Feb1, new DateOnly(2027, 3, 15), MinYearsGap: 2,
        NotMetAfterDays: 14,
        [
            A("m1", Role.Mentor, 3, "North West", 1), A("m2", Role.Mentor, 11, "London", 1), A("m3", Role.Mentor, 6, "Wales", 2),
            A("e1", Role.Mentee, 1, "North West", 0), A("e2", Role.Mentee, 6, "Wales", 0), A("e3", Role.Mentee, 8, "London", 0),
            A("e4", Role.Mentee, 12, "London", 0, new DateOnly(2027, 1, 13)),
            A("e5", Role.Mentee, 2, "London", 0, new DateOnly(2027, 1, 20), active: false),
        ],
        [
            new("m1|e1", "m1", "e1", "Mina", "Eve", Feb1, new DateOnly(2027, 2, 10), AnsweredCheckIn: true, Ended: false),
            new("m3|e2", "m3", "e2", "Max", "Ed", Feb1, null, AnsweredCheckIn: false, Ended: false),
            new("m2|e3", "m2", "e3", "Mo", "Ela", Feb1, new DateOnly(2027, 2, 20), AnsweredCheckIn: true, Ended: false),
            new("m3|e4", "m3", "e4", "Max", "Em", Feb1, null, AnsweredCheckIn: false, Ended: true),
        ],
        [
            F("e1", "midpoint", 5, true, "Really helpful", quote: true, day: 1),
            F("e1", "final", 4, true, "Changed my mind about quoting", quote: false, day: 10),
            F("e3", "midpoint", 2, false, "Not working", quote: false, day: 2, end: true),
            F("m1", "midpoint", 5, true, "Great mentee", quote: true, day: 3, hours: 6),
        ],
        [
            new("m1", "m1|e1", new DateOnly(2027, 2, 10), 60), new("m1", "m1|e1", new DateOnly(2027, 3, 2), 90),
            new("m3", "m3|e2", new DateOnly(2027, 2, 20), 30),
        ]);
}
