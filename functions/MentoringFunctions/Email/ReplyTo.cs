using SendGrid.Helpers.Mail;

namespace MentoringFunctions.Email;

/// <summary>
/// Where a reply goes. The sender address is not read by anyone, so every e-mail that invites a reply says
/// where to: an introduction to the partner, anything else a participant gets to the working group. Carried as
/// a plain "Reply-To" header of bare addresses (no display names, so nothing to encode); SendGrid refuses it
/// as a custom header, so its sender moves it to the message's reply-to field.
/// </summary>
public static class ReplyTo
{
    public const string Header = "Reply-To";

    /// <summary>The header for these addresses, or nothing when there are none (a cohort without a working group).</summary>
    public static IReadOnlyDictionary<string, string> Headers(IEnumerable<string> addresses,
        IReadOnlyDictionary<string, string>? others = null)
    {
        var headers = new Dictionary<string, string>(others ?? new Dictionary<string, string>());
        var list = addresses.Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > 0) headers[Header] = string.Join(", ", list);
        return headers;
    }

    /// <summary>The addresses a stored header names.</summary>
    public static IReadOnlyList<string> Addresses(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Sets the message's reply-to (one address) or reply-to list (several); true when the header was one.</summary>
    internal static bool ApplyTo(SendGridMessage message, KeyValuePair<string, string> header)
    {
        if (!string.Equals(header.Key, Header, StringComparison.OrdinalIgnoreCase)) return false;
        var addresses = Addresses(header.Value).Select(a => new EmailAddress(a)).ToList();
        if (addresses.Count == 1) message.SetReplyTo(addresses[0]);
        else if (addresses.Count > 1) message.AddReplyTos(addresses);
        return true;
    }
}
