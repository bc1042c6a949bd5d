using MentoringFunctions.Applications;
using MentoringFunctions.Core.Matching;

namespace MentoringFunctions.Matching;

/// <summary>
/// What publishing a run would do with the applications as they stand: the pairs kept, the ones left out and
/// why, and who hears what. Publishing and its confirmation page both read it, so the page's counts are the
/// e-mails that publishing queues.
/// </summary>
public sealed record PublishPlan(IReadOnlyList<MatchPair> Kept, IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Introduced, IReadOnlyList<string> NotMatched, int LeftOutPeople)
{
    /// <summary>Everyone who gets an e-mail, introduction or not: one each.</summary>
    public IReadOnlyList<string> Recipients => [.. Introduced, .. NotMatched];

    public static PublishPlan Make(MatchRunResult result, IReadOnlyDictionary<string, CohortApplication> current)
    {
        var snapshot = result.ById();
        string? Changed(string id) =>
            !current.TryGetValue(id, out var latest) ? $"{snapshot[id].Name} ({id}) no longer has an application"
            : latest.Status != ApplicationStatus.Active ? $"{latest.Name} ({id}) withdrew"
            : latest.Version != snapshot[id].Version ? $"{latest.Name} ({id}) changed their application after the run"
            : null;
        var warnings = new List<string>();
        var kept = new List<MatchPair>();
        var changed = snapshot.Keys.Where(id => Changed(id) is not null).ToHashSet(StringComparer.Ordinal);
        var lostPartner = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in result.Pairs)
        {
            if ((Changed(pair.MentorId) ?? Changed(pair.MenteeId)) is { } why)
            {
                warnings.Add($"Left out {snapshot[pair.MentorId].Name} ({pair.MentorId}) → {snapshot[pair.MenteeId].Name} " +
                    $"({pair.MenteeId}): {why}.");
                lostPartner.Add(pair.MentorId);
                lostPartner.Add(pair.MenteeId);
                continue;
            }
            kept.Add(pair);
        }
        // People who changed hear nothing from this run, nor do partners left with no match because of
        // them (not a "waiting list" note: the working group re-runs or matches them by hand).
        var matched = kept.SelectMany(m => new[] { m.MentorId, m.MenteeId }).ToHashSet(StringComparer.Ordinal);
        var recipients = snapshot.Keys.Where(id => !changed.Contains(id) && (!lostPartner.Contains(id) || matched.Contains(id)))
            .Order(StringComparer.Ordinal).ToList();
        return new PublishPlan(kept, warnings, recipients.Where(matched.Contains).ToList(),
            recipients.Where(id => !matched.Contains(id)).ToList(), snapshot.Count - recipients.Count);
    }
}
