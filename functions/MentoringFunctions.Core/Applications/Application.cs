namespace MentoringFunctions.Core.Applications;

/// <summary>What an applicant asked for. Both = wants a mentor and also offers to mentor.</summary>
public enum Role { Mentor, Mentee, Both }

public enum MeetingPreference { Online, InPerson, Either }

/// <summary>
/// A validated application, the unit the form, the CSV format and the matcher share.
/// Email is normalised (trimmed, lower case); lists hold canonical spellings, no duplicates.
/// Capacity is the number of mentees a mentor/both applicant takes (1-5), 0 for a pure mentee.
/// </summary>
public sealed record Application(
    string Id,
    Role Role,
    string Name,
    string Email,
    string Organisation,
    int YearsInSector,
    string Region,
    MeetingPreference Meeting,
    IReadOnlyList<string> Offers,
    IReadOnlyList<string> Seeks,
    int Capacity,
    IReadOnlyList<string> Avoid,
    string Notes)
{
    public bool OffersMentoring => Role is Role.Mentor or Role.Both;
    public bool WantsMentor => Role is Role.Mentee or Role.Both;
}

public static class RoleNames
{
    public static string ToText(this Role role) => role switch
    {
        Role.Mentor => "mentor",
        Role.Mentee => "mentee",
        Role.Both => "both",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role"),
    };

    public static string ToText(this MeetingPreference meeting) => meeting switch
    {
        MeetingPreference.Online => "online",
        MeetingPreference.InPerson => "in-person",
        MeetingPreference.Either => "either",
        _ => throw new ArgumentOutOfRangeException(nameof(meeting), meeting, "Unknown meeting preference"),
    };

    public static bool TryParseRole(string? text, out Role role)
    {
        role = default;
        switch (Squash(text))
        {
            case "mentor": role = Role.Mentor; return true;
            case "mentee": role = Role.Mentee; return true;
            case "both": role = Role.Both; return true;
            default: return false;
        }
    }

    public static bool TryParseMeeting(string? text, out MeetingPreference meeting)
    {
        meeting = default;
        switch (Squash(text))
        {
            case "online": meeting = MeetingPreference.Online; return true;
            case "inperson": meeting = MeetingPreference.InPerson; return true;
            case "either": meeting = MeetingPreference.Either; return true;
            default: return false;
        }
    }

    // "In person", "in-person" and "IN_PERSON" all mean the same choice.
    private static string Squash(string? text) =>
        new((text ?? "").Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
}
