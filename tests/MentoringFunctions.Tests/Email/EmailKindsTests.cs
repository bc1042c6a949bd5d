using MentoringFunctions.Applications;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Privacy;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Email;

/// <summary>
/// Every kind of e-mail renders from its own templates with its own model, and nothing renders empty by mistake:
/// a new kind without templates or a sample here, or a template reading a field its model lacks, fails.
/// </summary>
public class EmailKindsTests
{
    private static readonly DateOnly Start = new(2027, 1, 11);

    private static readonly Partner Mentor = new("Ada Mentor", "ada@ex.org", "Org A", 12, "Wales", ["Finance"]);

    private static readonly Partner Mentee = new("Bo Mentee", "bo@ex.org", "", 2, "North West", []);

    private static NudgeMail Nudge(bool reminder) => new("Spring", "Cy", "Ada Mentor", true, "https://x/met",
        "https://x/not-yet", "https://x/hours", "https://x/feedback", "https://x/unsubscribe", reminder, "mid-point",
        "Tuesday 9 March 2027", "12:30-13:30 (Europe/London)", "https://meet.example/lunch");

    /// <summary>Models for each kind; several where a template branches on an optional part of its model.</summary>
    private static readonly IReadOnlyDictionary<EmailKind, object[]> Samples = new Dictionary<EmailKind, object[]>
    {
        [EmailKind.ApplicationReceived] = [Application(updated: false), Application(updated: true)],
        [EmailKind.ApplicationChange] =
        [
            new ApplicationChangeMail("Spring", "Cy", [new("name", "Name", "Cy", "Cy B")], false, "https://x/c", "9 March 2027"),
            new ApplicationChangeMail("Spring", "Cy", [], true, "https://x/c", "9 March 2027"),
        ],
        [EmailKind.NewApplication] = [Application(updated: false)],
        [EmailKind.NotMatched] =
        [
            new NotMatchedMail("Spring", "Cy", true, true, Start),
            new NotMatchedMail("Spring", "Cy", false, true, Start),
            new NotMatchedMail("Spring", "Cy", true, false, Start, "No one else in this round offered to mentor.", "", true),
        ],
        [EmailKind.Introduction] =
        [
            new IntroductionMail("Spring", "Cy", Mentor, [Mentee], true, Start, Start.AddMonths(6), Start.AddYears(1)),
            new IntroductionMail("Spring", "Cy", null, [Mentee, Mentee], true, Start, Start, Start.AddYears(1)),
            new IntroductionMail("Spring", "Cy", Mentor, [Mentee], true, Start, Start, Start.AddYears(1), Both: true),
            new IntroductionMail("Spring", "Cy", null, [Mentee], true, Start, Start, Start.AddYears(1), true, "Reason."),
        ],
        [EmailKind.MatchRunFinished] =
        [
            new RunFinishedMail("Spring", "r1", RunStatus.Completed, "", 40, 3, true),
            new RunFinishedMail("Spring", "r2", RunStatus.Failed, "The engine timed out", 0, 0, false),
        ],
        [EmailKind.FeedbackAlert] = [new FeedbackAlertMail("Spring", "p1", "midpoint", true, true, "We have not met")],
        [EmailKind.FirstMeeting] = [CheckIn(1, true), CheckIn(2, false)],
        [EmailKind.FirstMeetingEscalation] =
        [
            new EscalationMail("Spring", [new("Ada Mentor", "Bo Mentee", Start)], [], 28, 14),
            new EscalationMail("Spring", [new("Ada", "Bo", Start), new("Ada", "Cy", Start)], [new("Di", "Ed", Start)], 1, 1),
        ],
        [EmailKind.CheckIn] = [CheckIn(1, true), CheckIn(3, false)],
        [EmailKind.Feedback] = [Nudge(false), Nudge(true)],
        [EmailKind.Lunch] = [Nudge(false), Nudge(true)],
        [EmailKind.Digest] = [new DigestMail("Spring", Start, new(1, ["Cy (mentee)"]), new(0, []), new(1, ["Ada and Bo"]))],
        [EmailKind.MatchEnded] = [new MatchEndedMail("Spring", "Cy", "Ada Mentor", true, "wg@ex.org"),
            new MatchEndedMail("Spring", "Cy", "Bo Mentee", false, "")],
        [EmailKind.MatchWithdrawn] = [new MatchWithdrawnMail("Spring", "Cy", ["Ada Mentor"]), new MatchWithdrawnMail("Spring", "Ada", ["Bo", "Cy"])],
        [EmailKind.RetentionWarning] = [new RetentionWarningMail("c1", "Spring", Start, Start.AddYears(1), 12, 40)],
        [EmailKind.SignInLink] = [new MentoringFunctions.Admin.SignInMail("https://x/manage/login/link?t=a.b", 15, "09:15 UTC", "Spring")],
    };

    private static CheckInMail CheckIn(int pairs, bool replies) => new("Spring", "Cy",
        Enumerable.Range(1, pairs).Select(i => new PairLinks($"Partner {i}", i == 1 ? "mentor" : "mentee", "https://x/met",
            "https://x/not-yet", i == 1 ? "" : "https://x/hours")).ToList(), "https://x/feedback", "https://x/unsubscribe", replies);

    private static ApplicationMail Application(bool updated) => new("Spring", "spring", "Cy", "both", "cy@ex.org",
        ["Finance"], ["Leadership", "Funding"], 2, updated, "a1", "Org C", 5, "Wales", Start);

    private static TemplateRenderer Renderer() => new(Path.Combine(Paths.AppProject, "Templates"));

    private static EmailTemplates Templates() =>
        new(Renderer(), new EmailOptions { PublicBaseUrl = "https://app.example/" });

    [Fact]
    public async Task Every_kind_renders_a_subject_html_and_text_from_its_own_model()
    {
        var templates = Templates();
        foreach (var kind in Enum.GetValues<EmailKind>())
        {
            Assert.True(Samples.ContainsKey(kind), $"{kind} has no sample model in this test: add one.");
            foreach (var model in Samples[kind])
            {
                var message = await templates.ComposeAsync(kind, "spring", "k", "to@ex.org", "Cy", model);
                Assert.Equal(EmailKinds.Of(kind).Template, message.Kind);
                foreach (var (part, text) in new[] { ("subject", message.Subject), ("html", message.Html),
                    ("text", message.Text) })
                {
                    Assert.False(string.IsNullOrWhiteSpace(text), $"{kind} {part} is empty");
                    Assert.DoesNotContain("{{", text);
                    Assert.DoesNotContain("{%", text);
                }
                Assert.Contains("Spring", message.Subject);
            }
        }
    }

    [Fact]
    public async Task A_model_of_another_kind_throws_instead_of_rendering()
    {
        var templates = Templates();
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            templates.ComposeAsync(EmailKind.Lunch, "spring", "k", "to@ex.org", "Cy", Application(updated: false)));
        Assert.Contains("NudgeMail", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            templates.ComposeAsync(EmailKind.Digest, "spring", "k", "to@ex.org", "Cy", null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            templates.ComposeAsync((EmailKind)999, "spring", "k", "to@ex.org", "Cy", Nudge(false)));
    }

    [Fact]
    public void Every_due_kind_maps_to_an_email_kind_and_an_unknown_one_throws()
    {
        foreach (var due in Enum.GetValues<DueKind>())
            Assert.NotNull(EmailKinds.Of(RhythmMail.KindOf(due)).Template);
        Assert.Equal(EmailKind.Lunch, RhythmMail.KindOf(DueKind.LunchInvite));
        Assert.Equal(EmailKind.Lunch, RhythmMail.KindOf(DueKind.LunchReminder));
        Assert.Equal(EmailKind.Feedback, RhythmMail.KindOf(DueKind.FeedbackReminder));
        Assert.Throws<ArgumentOutOfRangeException>(() => RhythmMail.KindOf((DueKind)999));
    }

    [Fact]
    public void Event_keys_start_with_the_kinds_template_as_they_always_have()
    {
        Assert.Equal("introduction/c1/r1/p1", EmailKinds.Key(EmailKind.Introduction, "c1", "r1", "p1"));
        Assert.Equal("application-received/c1/a1/v2", EmailKinds.Key(EmailKind.ApplicationReceived, "c1", "a1", "v2"));
    }
}
