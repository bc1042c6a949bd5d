using Azure;

namespace MentoringFunctions.Matching;

/// <summary>
/// A published pair of a cohort. Key is "mentorId|menteeId", so publishing the pair again rewrites it;
/// SharedTopics are ';'-separated; FirstMeetingOn is yyyy-MM-dd once either person confirmed a meeting.
/// ETag is the stored version a check-in's guarded write must still find.
/// </summary>
public sealed record PublishedMatch(
    string Cohort, string Key, string RunId, string MentorId, string MentorEmail, string MentorName,
    string MenteeId, string MenteeEmail, string MenteeName, string SharedTopics, int Score, MatchStatus Status,
    DateTimeOffset IntroducedAt, DateTimeOffset? EndedAt, string FirstMeetingOn, DateTimeOffset? LastCheckInAt,
    string LastCheckInAnswer, ETag ETag = default)
{
    public static string KeyFor(string mentorId, string menteeId) => $"{mentorId}|{menteeId}";

    /// <summary>Why an ended match ended, in the working group's words (or "withdrew"); empty otherwise.</summary>
    public string EndReason { get; init; } = "";

    /// <summary>Who ended it: the working group member, as far as the sign-in tells.</summary>
    public string EndedBy { get; init; } = "";
}
