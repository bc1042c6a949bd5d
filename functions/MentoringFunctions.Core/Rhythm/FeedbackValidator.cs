using System.Globalization;
using MentoringFunctions.Core.Validation;

namespace MentoringFunctions.Core.Rhythm;

/// <summary>A feedback answer as typed (form or JSON).</summary>
public sealed record FeedbackInput(string? Overall, string? Usefulness, string? Relationship, string? MeetingsHeld, string? HoursSpent,
    string? WantsToContinue, bool WantsHelp, bool WantsToEnd, string? Comments, bool MayQuote = false);

public sealed record Feedback(int Overall, int Usefulness, int Relationship, int MeetingsHeld, double HoursSpent, bool WantsToContinue,
    bool WantsHelp, bool WantsToEnd, string Comments, bool MayQuote = false);

public static class FeedbackValidator
{
    public static Validated<Feedback> Validate(FeedbackInput input)
    {
        var errors = new ValidationErrors();
        int Rating(string? value, string field, string what)
        {
            if (int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5) return n;
            errors.Add(field, $"Rate {what} from 1 (poor) to 5 (excellent).");
            return 0;
        }
        var overall = Rating(input.Overall, "overall", "mentoring overall");
        var usefulness = Rating(input.Usefulness, "usefulness", "how useful it has been");
        var relationship = Rating(input.Relationship, "relationship", "how well you get on");
        var meetings = 0;
        if (!string.IsNullOrWhiteSpace(input.MeetingsHeld) &&
            !(int.TryParse(input.MeetingsHeld.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out meetings) && meetings <= 100))
            errors.Add("meetings_held", $"'{input.MeetingsHeld.Trim()}' is not a number of meetings from 0 to 100.");
        var hours = 0d;
        if (!string.IsNullOrWhiteSpace(input.HoursSpent) &&
            !(double.TryParse(input.HoursSpent.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours) && hours <= 500))
            errors.Add("hours_spent", $"'{input.HoursSpent.Trim()}' is not a number of hours from 0 to 500 (like 6.5).");
        var carryOn = input.WantsToContinue?.Trim().ToLowerInvariant();
        if (carryOn is not ("yes" or "no" or "true" or "false")) errors.Add("wants_to_continue", "Say whether you would like to carry on (yes or no).");
        var comments = (input.Comments ?? "").Trim();
        if (comments.Length > 4000) errors.Add("comments", "Comments must be at most 4000 characters.");
        else if (TextRules.HasControl(comments, multiline: true)) errors.Add("comments", TextRules.ControlReason);
        return errors.IsEmpty
            ? Validated<Feedback>.Ok(new Feedback(overall, usefulness, relationship, meetings, hours, carryOn is "yes" or "true", input.WantsHelp, input.WantsToEnd, comments,
                input.MayQuote))
            : Validated<Feedback>.Fail(errors);
    }
}
