using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Pages;

/// <summary>
/// Templates render strictly: a name the model lacks throws instead of rendering empty, while the ways templates
/// test optional values (null members, absent keys, the layout's switches on pages) keep working.
/// </summary>
public class StrictRenderingTests
{
    private static readonly TemplateRenderer Renderer = new(Path.Combine(Paths.AppProject, "Templates"));

    private static readonly DateOnly Start = new(2027, 1, 11);

    private static readonly Partner Mentee = new("Bo Mentee", "bo@ex.org", "", 2, "North West", []);

    private static readonly RunComparison Comparison = new("r2", "r1", 3, 2, 40, 31, ["a"], [], 2);

    private static readonly (string Page, object Model)[] Pages =
    [
        ("match-compare", new ComparePage("Compare runs", Comparison, [new NamedPair("m1", "Mina", "e1", "Eve")], [])),
        ("unsubscribe", new LinkPage("Unsubscribe", "tok", "Stop reminders and invitations?", "No more nudges.")),
        ("checkin", new LinkPage("Check in", "tok", "Have you met?", "", "not-yet")),
        ("hours", new LinkPage("Log mentoring time", "tok", "Log a mentoring session", "")),
        ("hours", new LinkPage("Session logged", "tok", "Session logged", "Logged 60 minutes.", TotalMinutes: 120)),
        ("hours", new LinkPage("Error: log mentoring time", "tok", "Log a mentoring session", "",
            Errors: new Dictionary<string, string> { ["date"] = "Enter the date." },
            Values: new Dictionary<string, string> { ["date"] = "", ["minutes"] = "60" })),
        ("message", new MessagePage("Thank you", "Thank you", "Noted.", "/", "Home")),
        ("login", new LoginPage("Working group sign-in", "Wrong password.")),
    ];

    /// <summary>
    /// The app tests reach most pages through HTTP; these are the pages (and states of them) they do not, rendered
    /// with the models the functions give them, so a misspelt name fails here first.
    /// </summary>
    [Fact]
    public async Task Pages_the_app_tests_do_not_open_render_without_reading_a_name_their_model_lacks()
    {
        foreach (var (page, model) in Pages)
        {
            var html = await Renderer.RenderAsync($"Pages/{page}.liquid", model);
            Assert.Contains("</html>", html);
            Assert.DoesNotContain("{{", html);
        }
    }

    [Fact]
    public async Task A_misspelt_member_an_undefined_variable_or_an_unknown_filter_throws_naming_template_and_name()
    {
        var root = Path.Combine(Path.GetTempPath(), "mf-strict-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "Pages"));
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, "member.liquid"), "Dear {{ model.nmae }}");
            await File.WriteAllTextAsync(Path.Combine(root, "variable.liquid"), "{% if greeting %}hi{% endif %}");
            await File.WriteAllTextAsync(Path.Combine(root, "filter.liquid"), "{{ model.name | upcse }}");
            await File.WriteAllTextAsync(Path.Combine(root, "nested.liquid"),
                "{% for m in model.mentees %}{{ m.emial }}{% endfor %}");
            var renderer = new TemplateRenderer(root);
            var model = new { Model = new IntroductionMail("Spring", "Cy", null, [Mentee], true, Start, Start, Start) };

            async Task<string> Problem(string path) =>
                (await Assert.ThrowsAsync<TemplateException>(() => renderer.RenderAsync(path, model))).Message;

            Assert.Equal("Template member.liquid reads 'nmae', which is neither a variable nor a member of what it is "
                + "read from.", await Problem("member.liquid"));
            Assert.Contains("'greeting'", await Problem("variable.liquid"));
            Assert.Contains("upcse", await Problem("filter.liquid"));
            Assert.Contains("'emial'", await Problem("nested.liquid"));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public async Task Null_members_and_missing_keys_stay_nil_and_only_pages_may_leave_out_the_layout_switches()
    {
        var root = Path.Combine(Path.GetTempPath(), "mf-strict-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "Pages"));
        try
        {
            const string source =
                "{% if model.mentor %}M{% endif %}{% if errors.email %}E{% endif %}{% if wide %}W{% endif %}ok";
            await File.WriteAllTextAsync(Path.Combine(root, "Pages", "p.liquid"), source);
            await File.WriteAllTextAsync(Path.Combine(root, "e.liquid"), source);
            var renderer = new TemplateRenderer(root);
            var model = new
            {
                Model = new IntroductionMail("Spring", "Cy", null, [], true, Start, Start, Start),
                Errors = new Dictionary<string, string> { ["name"] = "Enter your name." },
            };

            Assert.Equal("ok", await renderer.RenderAsync("Pages/p.liquid", model));
            var wide = new { model.Model, model.Errors, Wide = true };
            Assert.Equal("Wok", await renderer.RenderAsync("Pages/p.liquid", wide));
            var email = await Assert.ThrowsAsync<TemplateException>(() => renderer.RenderAsync("e.liquid", model));
            Assert.Contains("'wide'", email.Message);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
