using MentoringFunctions.Applications;
using MentoringFunctions.Matching;

namespace MentoringFunctions.Rhythm;

/// <summary>
/// The pairs the programme's rhythm writes to. An ended or withdrawn pair is history; so is a pair one of whose
/// people withdrew, even if ending their matches was interrupted, because a withdrawn person must hear nothing
/// more and check-ins or lunch invites that come from that pair would reach the partner in its name.
/// </summary>
public static class RhythmScope
{
    public static IReadOnlyList<PublishedMatch> Running(IEnumerable<PublishedMatch> matches,
        IEnumerable<CohortApplication> applications)
    {
        var withdrawn = applications.Where(a => a.Status == ApplicationStatus.Withdrawn).Select(a => a.Id)
            .ToHashSet(StringComparer.Ordinal);
        return matches.Where(m => m.Status.IsActive() && !withdrawn.Contains(m.MentorId) && !withdrawn.Contains(m.MenteeId))
            .ToList();
    }
}
