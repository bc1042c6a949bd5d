using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>Terse builders for applications in tests.</summary>
internal static class People
{
    public static Application Mentor(string id, int years, string org = "", string region = "North West",
        MeetingPreference meeting = MeetingPreference.Either, string offers = "finance", int capacity = 1, string avoid = "") =>
        Make(id, Role.Mentor, years, org, region, meeting, offers, "", capacity, avoid);

    public static Application Mentee(string id, int years, string org = "", string region = "North West",
        MeetingPreference meeting = MeetingPreference.Either, string seeks = "finance", string avoid = "") =>
        Make(id, Role.Mentee, years, org, region, meeting, "", seeks, 0, avoid);

    public static Application Both(string id, int years, string org = "", string region = "North West",
        MeetingPreference meeting = MeetingPreference.Either, string offers = "finance", string seeks = "finance", int capacity = 1) =>
        Make(id, Role.Both, years, org, region, meeting, offers, seeks, capacity, "");

    public static Application Make(string id, Role role, int years, string org, string region, MeetingPreference meeting,
        string offers, string seeks, int capacity, string avoid) =>
        new(id, role, id.ToUpperInvariant(), $"{id}@example.org", org, years, region, meeting,
            Split(offers), Split(seeks), capacity, Split(avoid), "");

    private static List<string> Split(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
