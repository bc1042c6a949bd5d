using System.Globalization;
using System.Text.RegularExpressions;
using MentoringFunctions.Core.Matching;
using MentoringFunctions.Core.Rhythm;
using MentoringFunctions.Core.Validation;

namespace MentoringFunctions.Core.Cohorts;

/// <summary>
/// The working group's cohort form as flat text fields. Field names are the validator's error keys, so each
/// message lands beside its field; <see cref="Fields"/> and <see cref="Read"/> are inverses, so a form filled
/// from a cohort and sent back unchanged gives the same cohort.
/// </summary>
public static partial class CohortForm
{
    public const string On = "on";

    /// <summary>Check boxes: a box left unticked is not sent, so absent means false.</summary>
    public static readonly IReadOnlyList<string> Flags =
    [
        "notifyWorkingGroup", "rhythm.lunch.enabled", "rhythm.lunch.reminderOnTheDay", "matching.rules.requireSharedTopic",
        "matching.rules.requireExperienceGap", "matching.rules.requireDifferentOrganisation",
        "matching.rules.requireCompatibleMeeting", "matching.rules.respectAvoidLists", "matching.rules.avoidPreviousPartners",
    ];

    public static Dictionary<string, string> Fields(Cohort c)
    {
        var (r, l, m) = (c.Rhythm, c.Rhythm.Lunch, c.Matching);
        static string Flag(bool value) => value ? On : "";
        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = c.Id, ["name"] = c.Name, ["timeZone"] = c.TimeZone,
            ["applicationsOpen"] = Date(c.ApplicationsOpen), ["applicationsClose"] = Date(c.ApplicationsClose),
            ["programmeStart"] = Date(c.ProgrammeStart), ["midpoint"] = Date(c.Midpoint), ["programmeEnd"] = Date(c.ProgrammeEnd),
            ["topics"] = string.Join("\n", c.Topics), ["regions"] = string.Join("\n", c.Regions),
            ["workingGroupEmails"] = string.Join("\n", c.WorkingGroupEmails), ["notifyWorkingGroup"] = Flag(c.NotifyWorkingGroup),
            ["reviewerEmails"] = string.Join("\n", c.ReviewerEmails),
            ["rhythm.firstMeetingNudgeDays"] = Number(r.FirstMeetingNudgeDays),
            ["rhythm.firstMeetingEscalationDays"] = Number(r.FirstMeetingEscalationDays),
            ["rhythm.checkInEveryMonths"] = Number(r.CheckInEveryMonths),
            ["rhythm.feedbackReminderDays"] = Number(r.FeedbackReminderDays),
            ["rhythm.digestDay"] = r.DigestDay.ToString(), ["rhythm.catchUpDays"] = Number(r.CatchUpDays),
            ["rhythm.lunch.enabled"] = Flag(l.Enabled), ["rhythm.lunch.weekday"] = l.Weekday.ToString(),
            ["rhythm.lunch.nth"] = Number(l.Nth), ["rhythm.lunch.start"] = l.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["rhythm.lunch.end"] = l.End.ToString("HH:mm", CultureInfo.InvariantCulture), ["rhythm.lunch.joinUrl"] = l.JoinUrl,
            ["rhythm.lunch.inviteDaysBefore"] = Number(l.InviteDaysBefore), ["rhythm.lunch.reminderOnTheDay"] = Flag(l.ReminderOnTheDay),
            ["matching.rules.requireSharedTopic"] = Flag(m.Rules.RequireSharedTopic),
            ["matching.rules.requireExperienceGap"] = Flag(m.Rules.RequireExperienceGap),
            ["matching.rules.minYearsGap"] = Number(m.Rules.MinYearsGap),
            ["matching.rules.requireDifferentOrganisation"] = Flag(m.Rules.RequireDifferentOrganisation),
            ["matching.rules.requireCompatibleMeeting"] = Flag(m.Rules.RequireCompatibleMeeting),
            ["matching.rules.respectAvoidLists"] = Flag(m.Rules.RespectAvoidLists),
            ["matching.rules.avoidPreviousPartners"] = Flag(m.Rules.AvoidPreviousPartners),
            ["matching.rules.maxMenteesPerMentor"] = m.Rules.MaxMenteesPerMentor is { } cap ? Number(cap) : "",
            ["matching.weights.topics"] = Number(m.Weights.Topics), ["matching.weights.experience"] = Number(m.Weights.Experience),
            ["matching.weights.region"] = Number(m.Weights.Region),
            ["matching.idealGap.minYears"] = Number(m.IdealGap.MinYears), ["matching.idealGap.maxYears"] = Number(m.IdealGap.MaxYears),
            ["matching.bothPriority"] = m.BothPriority.ToString(),
        };
    }

    /// <summary>
    /// The form for next year's cohort: the same settings, dates a year on, years in the name moved on, no id (made from
    /// the name) and no working-group e-mails, which the new group enters itself.
    /// </summary>
    public static Dictionary<string, string> NextYear(Cohort c)
    {
        var fields = Fields(c);
        fields["id"] = "";
        fields["name"] = Year().Replace(c.Name, y => (int.Parse(y.Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
        foreach (var key in new[] { "applicationsOpen", "applicationsClose", "programmeStart", "midpoint", "programmeEnd" })
            fields[key] = Date(DateOnly.ParseExact(fields[key], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddYears(1));
        fields["workingGroupEmails"] = "";
        fields["reviewerEmails"] = "";
        return fields;
    }

    /// <summary>The typed input, or the fields whose text is not a date, number, time or choice at all.</summary>
    public static (CohortInput Input, ValidationErrors Errors) Read(IReadOnlyDictionary<string, string> form)
    {
        var errors = new ValidationErrors();
        string Text(string key) => form.TryGetValue(key, out var v) ? v.Trim() : "";
        bool Flag(string key) => Text(key).Length > 0;
        DateOnly? DateOf(string key)
        {
            if (DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(key, Text(key).Length == 0 ? "Enter a date." : $"'{Text(key)}' is not a date: use yyyy-MM-dd.");
            return null;
        }
        int Int(string key, int fallback)
        {
            if (int.TryParse(Text(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add(key, Text(key).Length == 0 ? "Enter a whole number." : $"'{Text(key)}' is not a whole number.");
            return fallback;
        }
        TimeOnly Time(string key, TimeOnly fallback)
        {
            if (TimeOnly.TryParseExact(Text(key), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return t;
            errors.Add(key, $"'{Text(key)}' is not a time: use hh:mm, e.g. 12:30.");
            return fallback;
        }
        T Choice<T>(string key, T fallback) where T : struct, Enum
        {
            if (Enum.TryParse<T>(Text(key), ignoreCase: true, out var value) && Enum.IsDefined(value) && !Text(key).Any(char.IsDigit))
                return value;
            errors.Add(key, $"Choose one of {string.Join(", ", Enum.GetNames<T>())}.");
            return fallback;
        }
        IReadOnlyList<string> Lines(string key) =>
            Text(key).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

        var lunch = new LunchSchedule
        {
            Enabled = Flag("rhythm.lunch.enabled"), Weekday = Choice("rhythm.lunch.weekday", DayOfWeek.Tuesday),
            Nth = Int("rhythm.lunch.nth", 1), Start = Time("rhythm.lunch.start", new(12, 30)),
            End = Time("rhythm.lunch.end", new(13, 15)), JoinUrl = Text("rhythm.lunch.joinUrl"),
            InviteDaysBefore = Int("rhythm.lunch.inviteDaysBefore", 7), ReminderOnTheDay = Flag("rhythm.lunch.reminderOnTheDay"),
        };
        var rhythm = new RhythmSettings
        {
            FirstMeetingNudgeDays = Int("rhythm.firstMeetingNudgeDays", 14),
            FirstMeetingEscalationDays = Int("rhythm.firstMeetingEscalationDays", 28),
            CheckInEveryMonths = Int("rhythm.checkInEveryMonths", 1), FeedbackReminderDays = Int("rhythm.feedbackReminderDays", 7),
            DigestDay = Choice("rhythm.digestDay", DayOfWeek.Monday), CatchUpDays = Int("rhythm.catchUpDays", 7), Lunch = lunch,
        };
        var matching = MatchSettings.Default with
        {
            Rules = new MatchRules
            {
                RequireSharedTopic = Flag("matching.rules.requireSharedTopic"),
                RequireExperienceGap = Flag("matching.rules.requireExperienceGap"), MinYearsGap = Int("matching.rules.minYearsGap", 2),
                RequireDifferentOrganisation = Flag("matching.rules.requireDifferentOrganisation"),
                RequireCompatibleMeeting = Flag("matching.rules.requireCompatibleMeeting"),
                RespectAvoidLists = Flag("matching.rules.respectAvoidLists"),
                AvoidPreviousPartners = Flag("matching.rules.avoidPreviousPartners"),
                MaxMenteesPerMentor = Text("matching.rules.maxMenteesPerMentor").Length == 0
                    ? null : Int("matching.rules.maxMenteesPerMentor", 1),
            },
            Weights = new FitWeights
            {
                Topics = Int("matching.weights.topics", 60), Experience = Int("matching.weights.experience", 30),
                Region = Int("matching.weights.region", 10),
            },
            IdealGap = new IdealGap { MinYears = Int("matching.idealGap.minYears", 5), MaxYears = Int("matching.idealGap.maxYears", 10) },
            BothPriority = Choice("matching.bothPriority", BothPriority.PureMenteesFirst),
        };
        var input = new CohortInput
        {
            Id = Text("id").Length > 0 ? Text("id") : null, Name = Text("name"), TimeZone = Text("timeZone"),
            ApplicationsOpen = DateOf("applicationsOpen"), ApplicationsClose = DateOf("applicationsClose"),
            ProgrammeStart = DateOf("programmeStart"), Midpoint = DateOf("midpoint"), ProgrammeEnd = DateOf("programmeEnd"),
            Topics = Lines("topics"), Regions = Lines("regions") is { Count: > 0 } regions ? regions : null, WorkingGroupEmails = Lines("workingGroupEmails"),
            ReviewerEmails = Lines("reviewerEmails"),
            NotifyWorkingGroup = Flag("notifyWorkingGroup"), Rhythm = rhythm, Matching = matching,
        };
        return (input, errors);
    }

    /// <summary>Reads and validates: the cohort, or every field's errors (what could not be read first).</summary>
    public static Validated<Cohort> Validate(IReadOnlyDictionary<string, string> form, string? fixedId = null)
    {
        var (input, unreadable) = Read(form);
        var validated = CohortValidator.Validate(input, fixedId);
        if (unreadable.IsEmpty) return validated;
        // A field that could not be read was given a stand-in value; what the validator says about it would mislead.
        var all = unreadable.ToDictionary();
        foreach (var (field, messages) in validated.Errors)
            if (!all.ContainsKey(field))
                all[field] = [.. messages];
        return new Validated<Cohort>(null, all);
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(19|20)\d\d\b")]
    private static partial Regex Year();
}
