using System.Text.RegularExpressions;
using MentoringFunctions.Applications;
using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Email;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;
using SendGrid.Helpers.Mail;
using Feedback = MentoringFunctions.Rhythm.Feedback;

namespace MentoringFunctions.Tests.Email;

/// <summary>E-mails a person is glad to get: plurals, Reply-To as SendGrid carries it, and a digest whose counts are true.</summary>
public class GladEmailTests
{
    private static readonly DateOnly Monday = new(2027, 3, 1);

    private static EmailTemplates Templates() =>
        new(new TemplateRenderer(Path.Combine(Paths.AppProject, "Templates")), new EmailOptions { PublicBaseUrl = "https://app.example" });

    [Fact]
    public async Task One_year_and_one_mentee_read_in_the_singular()
    {
        var one = new Partner("Ada", "ada@ex.org", "", 1, "Wales", []);
        var intro = await Templates().ComposeAsync(EmailKind.Introduction, "c", "k", "cy@ex.org", "Cy",
            new IntroductionMail("Spring", "Cy", one, [], true, Monday, Monday, Monday));
        Assert.Contains("1 year in the sector", intro.Text);
        Assert.DoesNotContain("1 years", intro.Html);
        var received = await Templates().ComposeAsync(EmailKind.ApplicationReceived, "c", "k", "cy@ex.org", "Cy",
            new ApplicationMail("Spring", "c", "Cy", "mentor", "cy@ex.org", ["Finance"], [], 1, false, "a1", "", 3, "Wales", Monday));
        Assert.Contains("(up to 1 mentee)", received.Text);
        var run = await Templates().ComposeAsync(EmailKind.MatchRunFinished, "c", "k", "wg@ex.org", "",
            new RunFinishedMail("Spring", "r1", RunStatus.Completed, "", 1, 2, true));
        Assert.Contains("1 pair proposed, 2 mentees unmatched", run.Text);
    }

    /// <summary>A number printed straight before a counted noun would say "1 years" one day: every template uses the filter.</summary>
    [Fact]
    public void No_e_mail_template_prints_a_count_before_a_plural_noun_without_the_filter()
    {
        var bare = new Regex(@"\}\}\s+(years|days|pairs|mentees|mentors|people|places|e-mails|partners)\b");
        var offenders = Directory.GetFiles(Path.Combine(Paths.AppProject, "Templates", "Email"))
            .SelectMany(f => File.ReadLines(f).Where(l => bare.IsMatch(l)).Select(l => $"{Path.GetFileName(f)}: {l.Trim()}")).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Reply_to_goes_to_sendgrids_reply_fields_never_a_custom_header()
    {
        var one = new SendGridMessage();
        Assert.True(ReplyTo.ApplyTo(one, ReplyTo.Headers(["wg@ex.org"]).Single()));
        Assert.Contains("\"reply_to\":{\"email\":\"wg@ex.org\"}", one.Serialize());
        var two = new SendGridMessage();
        ReplyTo.ApplyTo(two, ReplyTo.Headers(["wg@ex.org", "chair@ex.org", "WG@ex.org"]).Single());
        var json = two.Serialize();
        Assert.Contains("\"reply_to_list\":[{\"email\":\"wg@ex.org\"},{\"email\":\"chair@ex.org\"}]", json);
        Assert.DoesNotContain("Reply-To", json);
        Assert.False(ReplyTo.ApplyTo(two, KeyValuePair.Create("List-Unsubscribe", "<https://x>")));
        Assert.Empty(ReplyTo.Headers([]));
    }

    private static readonly Cohort Cohort = new("c1", "Spring", "Europe/London", new(2027, 1, 1), new(2027, 1, 31),
        new(2027, 2, 1), new(2027, 7, 1), new(2028, 1, 31), ["Finance"], ["Wales"], ["wg@ex.org"], false);

    private static CohortApplication Applied(int i, DateTimeOffset at, ApplicationStatus status = ApplicationStatus.Active) =>
        new("c1", new Application($"a{i}", Role.Mentee, $"Person {i}", $"p{i}@ex.org", "", i % 3, "Wales",
            MeetingPreference.Either, [], ["Finance"], 0, [], ""), status, "api", at, at, at, 1);

    private static Feedback Answer(string person, string match, int overall, bool end = false, bool help = false,
        DateTimeOffset? at = null) =>
        new(person, "midpoint", match, overall, 3, 3, 1, 1, true, help, end, "", at ?? new DateTimeOffset(2027, 2, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Digest_counts_every_application_of_its_week_not_the_capped_lines()
    {
        // 45 in the week before Monday 1 March (London midnight to midnight), one the Sunday before that week,
        // one on Monday morning (next week's), one withdrawn.
        var week = Enumerable.Range(0, 45).Select(i => Applied(i, new DateTimeOffset(2027, 2, 22, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 200)))
            .Append(Applied(100, new DateTimeOffset(2027, 2, 21, 23, 59, 0, TimeSpan.Zero)))
            .Append(Applied(101, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)))
            .Append(Applied(102, new DateTimeOffset(2027, 2, 24, 9, 0, 0, TimeSpan.Zero), ApplicationStatus.Withdrawn)).ToList();
        var digest = WeeklyDigest.Build(Cohort, Monday, week, [], []);
        Assert.Equal(45, digest.NewApplications.Count);
        Assert.Equal(41, digest.NewApplications.Items.Count);     // 40 lines and "... and 5 more"
        Assert.EndsWith("and 5 more (see the working group pages)", digest.NewApplications.Items[^1]);
        Assert.Contains("Person 1 (mentee, 1 year in the sector, Wales)", digest.NewApplications.Items);
        Assert.DoesNotContain(digest.NewApplications.Items, l => l.StartsWith("Person 44 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Digest_counts_pairs_at_risk_once_each_with_every_reason_and_names()
    {
        var mina = new Person("m1", "mina@ex.org", "Mina", false);
        var eve = new Person("e1", "eve@ex.org", "Eve", false);
        var ed = new Person("e2", "ed@ex.org", "Ed", false);
        var ola = new Person("m2", "ola@ex.org", "Ola", false);
        var tom = new Person("e3", "tom@ex.org", "Tom", false);
        var matches = new List<ActiveMatch>
        {
            new("m1|e1", mina, eve, new(2027, 2, 1), null),                    // not met after the nudge, and Eve asks to end and rates 1
            new("m1|e2", mina, ed, new(2027, 2, 1), new(2027, 2, 5)),          // fine
            new("m2|e3", ola, tom, new(2027, 2, 1), new(2027, 2, 5)),          // Tom asks for help
        };
        var feedback = new[]
        {
            Answer("e1", "m1|e1", 1, end: true), Answer("e3", "m2|e3", 4, help: true),
            Answer("x9", "x|x9", 1, end: true),                                // someone no longer in an active pair
            Answer("e2", "m1|e2", 5, at: new DateTimeOffset(2027, 2, 25, 9, 0, 0, TimeSpan.Zero)),
        };
        var digest = WeeklyDigest.Build(Cohort, Monday, [], feedback, matches);
        Assert.Equal(2, digest.AtRisk.Count);
        Assert.Equal(["Mina and Eve: no first meeting yet; Eve asked to end the match; Eve rated it 1/5 (mid-point feedback)",
            "Ola and Tom: Tom asked the working group for help"], digest.AtRisk.Items);
        Assert.Equal(["Ed: mid-point feedback, overall 5/5"], digest.Feedback.Items);   // the only answer of the week, by name
        var mail = await Templates().ComposeAsync(EmailKind.Digest, "c1", "k", "wg@ex.org", "", digest);
        Assert.Contains("Pairs at risk (2):", mail.Text);
        Assert.Contains("Feedback received (1):", mail.Text);
    }
}
