using System.Text;
using MentoringFunctions.Core.Validation;

namespace MentoringFunctions.Core.Cohorts;

/// <summary>A cohort as sent by the working group (JSON); dates as yyyy-MM-dd.</summary>
public sealed record CohortInput
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? TimeZone { get; init; }
    public DateOnly? ApplicationsOpen { get; init; }
    public DateOnly? ApplicationsClose { get; init; }
    public DateOnly? ProgrammeStart { get; init; }
    public DateOnly? Midpoint { get; init; }
    public DateOnly? ProgrammeEnd { get; init; }
    public IReadOnlyList<string>? Topics { get; init; }
    public IReadOnlyList<string>? Regions { get; init; }
    public IReadOnlyList<string>? WorkingGroupEmails { get; init; }
    public IReadOnlyList<string>? ReviewerEmails { get; init; }
    public bool? NotifyWorkingGroup { get; init; }
    public Rhythm.RhythmSettings? Rhythm { get; init; }
    public Matching.MatchSettings? Matching { get; init; }
}

public static class CohortValidator
{
    public static Validated<Cohort> Validate(CohortInput input, string? fixedId = null)
    {
        var errors = new ValidationErrors();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) errors.Add("name", "Enter the cohort's name, e.g. \"Heat Exchanger 2027\".");
        else if (name.Length > 100) errors.Add("name", "Must be at most 100 characters.");
        else if (TextRules.HasControl(name)) errors.Add("name", TextRules.LineReason);

        var id = fixedId ?? (string.IsNullOrWhiteSpace(input.Id) ? Slug(name) : input.Id.Trim());
        if (fixedId is null && !IsSlug(id))
            errors.Add("id", $"'{id}' must be 1-60 lower-case letters, digits and hyphens, e.g. heat-exchanger-2027.");

        var zone = string.IsNullOrWhiteSpace(input.TimeZone) ? Cohort.DefaultTimeZone : input.TimeZone.Trim();
        if (zone.Length > 100 || TextRules.HasControl(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            errors.Add("timeZone", $"'{zone}' is not a known time zone; use an IANA name like Europe/London.");

        DateOnly Date(DateOnly? d, string field)
        {
            if (d is null) errors.Add(field, "Enter a date as yyyy-MM-dd.");
            return d ?? default;
        }
        var open = Date(input.ApplicationsOpen, "applicationsOpen");
        var close = Date(input.ApplicationsClose, "applicationsClose");
        var start = Date(input.ProgrammeStart, "programmeStart");
        var mid = Date(input.Midpoint, "midpoint");
        var end = Date(input.ProgrammeEnd, "programmeEnd");
        if (!errors.Has("applicationsOpen") && !errors.Has("applicationsClose") && close < open)
            errors.Add("applicationsClose", "Applications must close on or after they open.");
        if (!errors.Has("programmeStart") && !errors.Has("applicationsClose") && start < close)
            errors.Add("programmeStart", "The programme must start on or after applications close.");
        if (!errors.Has("midpoint") && !errors.Has("programmeStart") && mid < start)
            errors.Add("midpoint", "The midpoint must be on or after the programme start.");
        if (!errors.Has("programmeEnd") && !errors.Has("midpoint") && end < mid)
            errors.Add("programmeEnd", "The programme must end on or after the midpoint.");

        var topics = Clean(input.Topics);
        if (topics.Count == 0) errors.Add("topics", "List at least one topic for the form.");
        ListItems("topics", input.Topics, errors);
        var regions = input.Regions is null ? Cohort.UkRegions : Clean(input.Regions);
        ListItems("regions", input.Regions, errors);
        var emails = Addresses("workingGroupEmails", input.WorkingGroupEmails, errors);
        var reviewers = Addresses("reviewerEmails", input.ReviewerEmails, errors);

        var rhythm = input.Rhythm ?? new Rhythm.RhythmSettings();
        var lunch = rhythm.Lunch ?? new Rhythm.LunchSchedule();
        if (lunch.Nth is < -1 or > 5 or 0) errors.Add("rhythm.lunch.nth", "Use 1-5 for the first to fifth weekday of the month, or -1 for the last.");
        if (lunch.End <= lunch.Start) errors.Add("rhythm.lunch.end", "The lunch must end after it starts.");
        if (lunch.JoinUrl.Length > 2000) errors.Add("rhythm.lunch.joinUrl", "Must be at most 2000 characters.");
        else if (lunch.JoinUrl.Length > 0
                 && !(Uri.TryCreate(lunch.JoinUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
            errors.Add("rhythm.lunch.joinUrl", $"'{lunch.JoinUrl}' is not a web address.");
        if (!Enum.IsDefined(lunch.Weekday)) errors.Add("rhythm.lunch.weekday", "Use a day's name, e.g. Tuesday.");
        if (lunch.InviteDaysBefore is < 0 or > 60) errors.Add("rhythm.lunch.inviteDaysBefore", "Invite 0 to 60 days before.");
        if (!Enum.IsDefined(rhythm.DigestDay)) errors.Add("rhythm.digestDay", "Use a day's name, e.g. Monday.");
        if (rhythm.CheckInEveryMonths is < 0 or > 12) errors.Add("rhythm.checkInEveryMonths", "Check in every 0 (never) to 12 months.");
        if (rhythm.FeedbackReminderDays is < 1 or > 60) errors.Add("rhythm.feedbackReminderDays", "Remind 1 to 60 days later.");
        if (rhythm.FirstMeetingEscalationDays > 365) errors.Add("rhythm.firstMeetingEscalationDays", "At most 365 days.");
        if (rhythm.CatchUpDays is < 1 or > 60) errors.Add("rhythm.catchUpDays", "Catch up between 1 and 60 days.");
        if (rhythm.FirstMeetingNudgeDays < 1 || rhythm.FirstMeetingEscalationDays <= rhythm.FirstMeetingNudgeDays)
            errors.Add("rhythm.firstMeetingEscalationDays", "The working group hears after the nudge: both at least a day after introduction, escalation later.");

        // Engine tuning belongs to the machine that runs a match, not to the cohort.
        var matching = (input.Matching ?? Matching.MatchSettings.Default) with { Engine = new() };
        // Each message starts with its JSON path (rules.minYearsGap must be ...): the field it is about.
        foreach (var problem in Matching.MatchSettingsValidator.Validate(matching))
            errors.Add("matching." + problem.Split(' ', 2)[0].TrimEnd(':'), problem);

        if (!errors.IsEmpty) return Validated<Cohort>.Fail(errors);
        return Validated<Cohort>.Ok(new Cohort(id, name, zone, open, close, start, mid, end, topics, regions, emails,
            // Off unless asked for: the weekly digest lists new applications, so a busy intake week is not 60 e-mails.
            input.NotifyWorkingGroup ?? false) { Rhythm = rhythm with { Lunch = lunch }, Matching = matching, ReviewerEmails = reviewers });
    }

    private static List<string> Addresses(string field, IReadOnlyList<string>? values, ValidationErrors errors)
    {
        var emails = Clean(values).Select(e => e.ToLowerInvariant()).ToList();
        if (emails.Count > MaxItems) errors.Add(field, $"List at most {MaxItems} addresses.");
        foreach (var e in emails.Where(e =>
                     !e.Contains('@') || e.Length > 254 || e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ';')))
            errors.Add(field, $"'{e}' is not an e-mail address.");
        return emails;
    }

    public static bool IsSlug(string id) =>
        id.Length is > 0 and <= 60 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

    public static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-') is { Length: > 0 } s ? s[..Math.Min(60, s.Length)].TrimEnd('-') : "cohort";
    }

    public const int MaxItems = 50;
    public const int MaxItemLength = 100;

    /// <summary>
    /// Topics and regions are stored, and typed on the form and in CSV files, as ';'-separated lists: an item
    /// holding ';' would come back as two.
    /// </summary>
    private static void ListItems(string field, IReadOnlyList<string>? values, ValidationErrors errors)
    {
        if (values is null) return;
        if (values.Count > MaxItems) errors.Add(field, $"List at most {MaxItems}.");
        foreach (var v in values.Where(v => v is not null))
        {
            if (v.Contains(';')) errors.Add(field, $"'{v}' holds ';', which separates items in lists: name it without.");
            else if (v.Trim().Length > MaxItemLength) errors.Add(field, $"Each item must be at most {MaxItemLength} characters.");
            else if (TextRules.HasControl(v)) errors.Add(field, TextRules.LineReason);
        }
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        (values ?? []).Where(v => v is not null).Select(v => v.Trim()).Where(v => v.Length > 0)
        .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
