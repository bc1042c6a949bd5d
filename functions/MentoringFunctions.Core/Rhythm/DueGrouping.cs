namespace MentoringFunctions.Core.Rhythm;

/// <summary>
/// Turns the schedule's one-e-mail-per-match list into what a person is glad to get: a mentor with several
/// mentees gets one first-meeting nudge and one check-in a day covering them all, and each working-group member
/// one daily summary of the pairs that have not met, rather than an e-mail a pair. Other kinds are already one
/// per person and pass through. A grouped e-mail's key names the day and the person, not a match, so a re-run
/// of the same day finds it queued.
/// </summary>
public static class DueGrouping
{
    public static IReadOnlyList<DueEmail> Group(IEnumerable<DueEmail> due)
    {
        var result = new List<DueEmail>();
        var grouped = new Dictionary<(DueKind, DateOnly?, string), (int At, List<string> Matches)>();
        foreach (var d in due)
        {
            if (!Groups(d.Kind) || d.MatchKey is null)
            {
                result.Add(d);
                continue;
            }
            // Working-group members have no person id: their address is who they are.
            var who = d.PersonId ?? d.ToEmail;
            if (grouped.TryGetValue((d.Kind, d.Day, who), out var group))
            {
                group.Matches.Add(d.MatchKey);
                continue;
            }
            grouped[(d.Kind, d.Day, who)] = (result.Count, [d.MatchKey]);
            result.Add(d with { Key = $"{d.Key[..d.Key.IndexOf('/', StringComparison.Ordinal)]}/{d.Day:yyyy-MM-dd}/{who}" });
        }
        foreach (var (at, matches) in grouped.Values)
            result[at] = result[at] with { MatchKeys = matches };
        return result;
    }

    /// <summary>Whether a kind is sent per match (and so grouped per person and day). A new kind must decide.</summary>
    public static bool Groups(DueKind kind) => kind switch
    {
        DueKind.FirstMeetingNudge or DueKind.FirstMeetingEscalation or DueKind.CheckIn => true,
        DueKind.FeedbackRequest or DueKind.FeedbackReminder or DueKind.LunchInvite or DueKind.LunchReminder
            or DueKind.Digest => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Say whether this due kind is sent per match."),
    };
}
