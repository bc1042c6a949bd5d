using MentoringFunctions.Core.Cohorts;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Cohorts;

public sealed record FormOption(string Value, string Text, bool Selected);

/// <summary>One field as the template draws it: Kind is text, date, number, time, url, textarea, select or checkbox.</summary>
public sealed record FormField(string Name, string Id, string Label, string Hint, string Kind, string Value, bool Checked,
    string? Error, IReadOnlyList<FormOption> Options);

public sealed record FormSection(string Id, string Legend, string Hint, IReadOnlyList<FormField> Fields);

/// <summary>The cohort form: create (Action is the new-cohort address) or edit (with the ETag read when it was opened).</summary>
public sealed record CohortFormPage(string Title, string Heading, string Action, string BackHref, string BackText, string Version,
    string? Notice, string? Conflict, IReadOnlyList<ErrorItem> ErrorList, IReadOnlyList<FormSection> Sections, string Submit);

/// <summary>The form's fields, their labels and hints, filled from text fields (a cohort's, or what was sent).</summary>
public static class CohortFormModel
{
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>IANA zones, the usual one first.</summary>
    public static readonly IReadOnlyList<string> TimeZones =
    [
        Cohort.DefaultTimeZone,
        .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)
            .Where(id => id.Contains('/') && id != Cohort.DefaultTimeZone && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    public static CohortFormPage Build(string title, string heading, string action, string backHref, string backText, string etag,
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string[]>? errors, bool withId,
        string? notice = null, string? conflict = null)
    {
        errors ??= new Dictionary<string, string[]>();
        string Value(string name) => values.TryGetValue(name, out var v) ? v : "";
        FormField Field(string name, string label, string kind, string hint = "", IReadOnlyList<FormOption>? options = null) =>
            new(name, Id(name), label, hint, kind, Value(name), Value(name).Length > 0,
                errors.TryGetValue(name, out var e) ? string.Join(" ", e) : null, options ?? []);
        IReadOnlyList<FormOption> Choices(string name, IEnumerable<(string Value, string Text)> items) =>
            items.Select(i => new FormOption(i.Value, i.Text, string.Equals(Value(name), i.Value, StringComparison.OrdinalIgnoreCase)))
                .ToList();
        FormField Select(string name, string label, IEnumerable<(string, string)> items, string hint = "") =>
            Field(name, label, "select", hint, Choices(name, items));

        var programme = new List<FormField>();
        if (withId)
            programme.Add(Field("id", "Short name for addresses (optional)", "text",
                "Lower-case letters, digits and hyphens, e.g. heat-exchanger-2028. Left empty, it is made from the name."));
        programme.AddRange(
        [
            Field("name", "Cohort name", "text", "What applicants see, e.g. \"Heat Exchanger 2028\"."),
            Select("timeZone", "Time zone", TimeZones.Select(z => (z, z)), "Dates and e-mail times follow this zone."),
            Field("applicationsOpen", "Applications open", "date"),
            Field("applicationsClose", "Applications close", "date", "The last day applications are taken."),
            Field("programmeStart", "Programme starts", "date"),
            Field("midpoint", "Midpoint (mid-point feedback)", "date"),
            Field("programmeEnd", "Programme ends (final feedback)", "date"),
        ]);
        FormSection[] sections =
        [
            new("section-programme", "The programme", "", programme),
            new("section-form", "Topics and regions", "One per line. They are the choices on the application form.",
            [
                Field("topics", "Topics", "textarea", "e.g. Finance, Procurement, Policy: one per line."),
                Field("regions", "Regions", "textarea", "Leave empty for the UK regions."),
            ]),
            new("section-group", "The working group", "",
            [
                Field("workingGroupEmails", "Working-group e-mail addresses", "textarea",
                    "One per line. They are the cohort's organisers: they sign in by e-mailed link and get the digest and alerts."),
                Field("reviewerEmails", "Reviewers' e-mail addresses", "textarea",
                    "One per line. They sign in to read the pages and handle feedback, but change nothing else."),
                Field("notifyWorkingGroup", "Also send an e-mail for each new application", "checkbox"),
            ]),
            new("section-rhythm", "The year's rhythm", "When nudges, check-ins, feedback reminders and the digest go out.",
            [
                Field("rhythm.firstMeetingNudgeDays", "Nudge a pair that has not met, after (days)", "number"),
                Field("rhythm.firstMeetingEscalationDays", "Tell the working group, after (days)", "number"),
                Field("rhythm.checkInEveryMonths", "Check in every (months; 0 for never)", "number"),
                Field("rhythm.feedbackReminderDays", "Remind about feedback after (days)", "number"),
                Select("rhythm.digestDay", "Weekly digest on", Days.Select(d => (d, d))),
                Field("rhythm.catchUpDays", "Catch up missed days for up to (days)", "number",
                    "After an outage, e-mails due this many days back are still sent."),
            ]),
            new("section-lunch", "Virtual lunches", "A monthly drop-in for every participant.",
            [
                Field("rhythm.lunch.enabled", "Hold virtual lunches", "checkbox"),
                Select("rhythm.lunch.nth", "Which week", new[] { ("1", "First"), ("2", "Second"), ("3", "Third"), ("4", "Fourth"),
                    ("5", "Fifth"), ("-1", "Last") }),
                Select("rhythm.lunch.weekday", "Day", Days.Select(d => (d, d))),
                Field("rhythm.lunch.start", "Starts", "time"),
                Field("rhythm.lunch.end", "Ends", "time"),
                Field("rhythm.lunch.joinUrl", "Join link", "url", "The video call's address, e.g. https://meet.example.org/lunch."),
                Field("rhythm.lunch.inviteDaysBefore", "Invite (days before)", "number"),
                Field("rhythm.lunch.reminderOnTheDay", "Send a reminder on the day", "checkbox"),
            ]),
            new("section-matching", "Matching", "The rules every pair must pass, and what makes a good fit.",
            [
                Field("matching.rules.requireSharedTopic", "Require at least one shared topic", "checkbox",
                    "The mentor offers at least one topic the mentee seeks."),
                Field("matching.rules.requireExperienceGap", "Require more experience in the mentor", "checkbox"),
                Field("matching.rules.minYearsGap", "At least this many more years in the sector", "number"),
                Field("matching.rules.requireDifferentOrganisation", "Never pair people from the same organisation", "checkbox"),
                Field("matching.rules.requireCompatibleMeeting", "Respect in-person-only preferences (same region)", "checkbox"),
                Field("matching.rules.respectAvoidLists", "Respect avoid lists", "checkbox"),
                Field("matching.rules.avoidPreviousPartners", "Never pair previous partners again", "checkbox"),
                Field("matching.rules.maxMenteesPerMentor", "At most this many mentees per mentor", "number",
                    "Leave empty for each mentor's own offer."),
                Field("matching.weights.topics", "Points for shared topics", "number"),
                Field("matching.weights.experience", "Points for the ideal experience gap", "number"),
                Field("matching.weights.region", "Points for the same region when meeting in person", "number"),
                Field("matching.idealGap.minYears", "Ideal gap from (years)", "number"),
                Field("matching.idealGap.maxYears", "Ideal gap to (years)", "number"),
                Select("matching.bothPriority", "When mentor places are short",
                    new[] { ("PureMenteesFirst", "Serve people who only want a mentor first"), ("Equal", "Serve everyone alike") }),
            ]),
        ];
        var ids = sections.SelectMany(s => s.Fields).ToDictionary(f => f.Name, f => f.Id);
        var list = errors.SelectMany(e => e.Value.Select(m => new ErrorItem(
            ids.TryGetValue(e.Key, out var id) ? id : e.Key.StartsWith("matching", StringComparison.Ordinal) ? "section-matching"
                : e.Key.StartsWith("rhythm", StringComparison.Ordinal) ? "section-rhythm" : "section-programme", m))).ToList();
        return new CohortFormPage(list.Count > 0 ? "Error: " + title : title, heading, action, backHref, backText, etag, notice,
            conflict, list, sections, withId ? "Create the cohort" : "Save changes");
    }

    private static string Id(string name) => "f-" + name.Replace('.', '-');
}
