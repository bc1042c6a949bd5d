using System.Collections.Frozen;
using MentoringFunctions.Applications;
using MentoringFunctions.Matching;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Email;

/// <summary>Every e-mail the app sends. A new one is added here and in <see cref="EmailKinds"/>.</summary>
public enum EmailKind
{
    ApplicationReceived, ApplicationChange, NewApplication, NotMatched, Introduction, MatchRunFinished, FeedbackAlert,
    FirstMeeting, FirstMeetingEscalation, CheckIn, Feedback, Lunch, Digest,
    MatchEnded, MatchWithdrawn, RetentionWarning, SignInLink,
}

/// <summary>What a kind of e-mail is made of: its three template files and the one model type they read.</summary>
public sealed record EmailKindSpec(string Template, Type Model);

/// <summary>
/// The one table of e-mail kinds. Looking up a kind that is not in it throws, so a new kind cannot fall back
/// to another kind's template; a test renders every kind with its model.
/// </summary>
public static class EmailKinds
{
    private static readonly FrozenDictionary<EmailKind, EmailKindSpec> Table = new Dictionary<EmailKind, EmailKindSpec>
    {
        [EmailKind.ApplicationReceived] = new("application-received", typeof(ApplicationMail)),
        [EmailKind.ApplicationChange] = new("application-change", typeof(ApplicationChangeMail)),
        [EmailKind.NewApplication] = new("new-application", typeof(ApplicationMail)),
        [EmailKind.NotMatched] = new("not-matched", typeof(NotMatchedMail)),
        [EmailKind.Introduction] = new("introduction", typeof(IntroductionMail)),
        [EmailKind.MatchRunFinished] = new("match-run-finished", typeof(RunFinishedMail)),
        [EmailKind.FeedbackAlert] = new("feedback-alert", typeof(FeedbackAlertMail)),
        [EmailKind.FirstMeeting] = new("first-meeting", typeof(CheckInMail)),
        [EmailKind.FirstMeetingEscalation] = new("first-meeting-escalation", typeof(EscalationMail)),
        [EmailKind.CheckIn] = new("check-in", typeof(CheckInMail)),
        [EmailKind.Feedback] = new("feedback", typeof(NudgeMail)),
        [EmailKind.Lunch] = new("lunch", typeof(NudgeMail)),
        [EmailKind.Digest] = new("digest", typeof(DigestMail)),
        [EmailKind.MatchEnded] = new("match-ended", typeof(MatchEndedMail)),
        [EmailKind.MatchWithdrawn] = new("match-withdrawn", typeof(MatchWithdrawnMail)),
        [EmailKind.RetentionWarning] = new("retention-warning", typeof(Privacy.RetentionWarningMail)),
        [EmailKind.SignInLink] = new("sign-in", typeof(Admin.SignInMail)),
    }.ToFrozenDictionary();

    public static EmailKindSpec Of(EmailKind kind) =>
        Table.TryGetValue(kind, out var spec) ? spec : throw new ArgumentOutOfRangeException(nameof(kind), kind,
            "This kind of e-mail has no template or model in EmailKinds.");

    /// <summary>
    /// The outbox key of an e-mail sent on an event (an application, a run, feedback): the kind's template name,
    /// then what makes it unique, so the same event never queues it twice. Keys for the programme's rhythm come
    /// from <c>DueEmail.Key</c> instead, since a request and its reminder share a kind but need their own keys.
    /// </summary>
    public static string Key(EmailKind kind, params string[] parts) =>
        string.Join('/', parts.Prepend(Of(kind).Template));
}
