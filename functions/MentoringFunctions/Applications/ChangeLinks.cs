using MentoringFunctions.Core.Applications;
using MentoringFunctions.Email;
using MentoringFunctions.Rhythm;

namespace MentoringFunctions.Applications;

/// <summary>
/// "Change your application" in the confirmation e-mail: a signed link to the form, which opens filled in with what
/// is on file. Only the e-mail carries it, because the address it went to is the proof of whose application it is;
/// a change sent from the form still goes through the usual confirmation e-mail.
/// </summary>
public sealed class ChangeLinks(LinkTokens tokens, ApplicationRepository applications, EmailOptions options)
{
    public const string Purpose = "change-application";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(120);

    public string UrlFor(string cohort, string email) =>
        $"{options.PublicBaseUrl.TrimEnd('/')}/apply/{Uri.EscapeDataString(cohort)}?t={tokens.Issue(cohort, email, null, Purpose, Lifetime)}";

    /// <summary>The form's fields as on file, for a valid link to this cohort; null for anything else (a blank form).</summary>
    public async Task<ApplicationInput?> PrefillAsync(string cohort, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || tokens.Read(token, Purpose) is not (TokenStatus.Valid, { } claim) || claim.Cohort != cohort)
            return null;
        return await applications.GetAsync(cohort, claim.Person, ct) is { } stored
            ? ApplicationEditing.InputOf(stored.Application) with { Consent = stored.ConsentedAt is not null }
            : null;
    }
}
