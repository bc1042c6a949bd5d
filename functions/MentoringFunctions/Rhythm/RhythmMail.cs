using System.Text;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Email;

namespace MentoringFunctions.Rhythm;

public sealed record NudgeMail(string CohortName, string Name, string Partner, bool IsMentor, string MetUrl, string NotYetUrl, string HoursUrl,
    string FeedbackUrl, string UnsubscribeUrl, bool Reminder, string Stage, string LunchDate, string LunchTime, string JoinUrl);

/// <summary>A cohort's matches by key and by person (their first match), so composing 40,000 e-mails is not quadratic.</summary>
public sealed class RhythmIndex(ProgrammeFacts facts)
{
    public IReadOnlyDictionary<string, ActiveMatch> ByKey { get; } = facts.Matches.ToDictionary(m => m.Key, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ActiveMatch> ByPerson { get; } = facts.Matches
        .SelectMany(m => new[] { (m.Mentor.Id, m), (m.Mentee.Id, m) })
        .GroupBy(x => x.Item1, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderBy(x => x.m.Key, StringComparer.Ordinal).First().m, StringComparer.Ordinal);
}

/// <summary>Turns what is due into e-mails: signed links, an unsubscribe header on every nudge, a calendar file with lunch invites.</summary>
public sealed class RhythmMail(EmailTemplates templates, EmailOptions options, LinkTokens tokens)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(60);
    public static readonly TimeSpan UnsubscribeLifetime = TimeSpan.FromDays(730);

    public async Task<EmailMessage> ComposeAsync(Cohort cohort, DueEmail due, RhythmIndex index, Func<DigestMail> digest)
    {
        var match = due.MatchKey is null ? null : index.ByKey.GetValueOrDefault(due.MatchKey);
        var mine = match ?? (due.PersonId is null ? null : index.ByPerson.GetValueOrDefault(due.PersonId));
        var kind = KindOf(due.Kind);
        // The working group's two e-mails; every other kind goes to one person, with their own links.
        if (kind == EmailKind.FirstMeetingEscalation)
            return await templates.ComposeAsync(kind, cohort.Id, due.Key, due.ToEmail, due.ToName,
                GroupedMail.Escalation(cohort, due, index));
        if (kind == EmailKind.Digest)
            return await templates.ComposeAsync(kind, cohort.Id, due.Key, due.ToEmail, due.ToName, digest());
        var person = due.PersonId!;
        string Link(string? matchKey, string path, string purpose, TimeSpan life, string extra = "") =>
            $"{options.PublicBaseUrl.TrimEnd('/')}/p/{path}?t={tokens.Issue(cohort.Id, person, matchKey, purpose, life)}{extra}";
        var unsubscribe = Link(mine?.Key, "unsubscribe", "unsubscribe", UnsubscribeLifetime);
        // RFC 8058: mail programs offer one-click unsubscribe from these headers. A reply reaches the working group.
        var headers = ReplyTo.Headers(cohort.WorkingGroupEmails, new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{unsubscribe}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        });
        if (kind is EmailKind.CheckIn or EmailKind.FirstMeeting)
            return await templates.ComposeAsync(kind, cohort.Id, due.Key, due.ToEmail, due.ToName,
                GroupedMail.CheckIn(cohort, due, index, Link, unsubscribe), headers);
        var lunch = cohort.Rhythm.Lunch;
        var model = new NudgeMail(cohort.Name, due.ToName,
            mine is null ? "" : mine.Mentor.Id == person ? mine.Mentee.Name : mine.Mentor.Name, mine?.Mentor.Id == person,
            Link(mine?.Key, "checkin", "checkin", LinkLifetime, "&answer=met"),
            Link(mine?.Key, "checkin", "checkin", LinkLifetime, "&answer=not-yet"),
            Link(mine?.Key, "hours", "hours", UnsubscribeLifetime), Link(mine?.Key, "feedback", $"feedback:{(due.Stage ?? FeedbackStage.AdHoc).ToString().ToLowerInvariant()}", LinkLifetime),
            unsubscribe, due.Kind is DueKind.FeedbackReminder or DueKind.LunchReminder,
            due.Stage == FeedbackStage.Final ? "end-of-programme" : "mid-point",
            due.LunchDate?.ToString("dddd d MMMM yyyy") ?? "", $"{lunch.Start:HH\\:mm}-{lunch.End:HH\\:mm} ({cohort.TimeZone})", lunch.JoinUrl);
        IReadOnlyList<EmailAttachment>? attachments = due.Kind == DueKind.LunchInvite
            ? [new EmailAttachment("lunch.ics", "text/calendar; method=PUBLISH",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(LunchCalendar.Create(cohort.Id, cohort.Name, due.LunchDate!.Value, lunch.Start, lunch.End, cohort.TimeZone, lunch.JoinUrl))))]
            : null;
        var message = await templates.ComposeAsync(kind, cohort.Id, due.Key, due.ToEmail, due.ToName, model, headers);
        return message with { Attachments = attachments };
    }

    /// <summary>
    /// The kind of e-mail each due e-mail is. Every value is named, so a new <see cref="DueKind"/> throws here (and
    /// fails a test) until someone decides what it sends, instead of going out with another kind's words.
    /// </summary>
    public static EmailKind KindOf(DueKind due) => due switch
    {
        DueKind.FirstMeetingNudge => EmailKind.FirstMeeting,
        DueKind.FirstMeetingEscalation => EmailKind.FirstMeetingEscalation,
        DueKind.CheckIn => EmailKind.CheckIn,
        DueKind.FeedbackRequest or DueKind.FeedbackReminder => EmailKind.Feedback,
        DueKind.LunchInvite or DueKind.LunchReminder => EmailKind.Lunch,
        DueKind.Digest => EmailKind.Digest,
        _ => throw new ArgumentOutOfRangeException(nameof(due), due, "This kind of due e-mail maps to no EmailKind."),
    };
}
