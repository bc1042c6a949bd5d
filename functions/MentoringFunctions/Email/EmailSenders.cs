using System.Net;
using System.Text;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace MentoringFunctions.Email;

public enum SendStatus { Sent, Transient, Permanent }

public sealed record SendResult(SendStatus Status, string Detail = "", string ProviderId = "");

public interface IEmailSender
{
    Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken ct);
}

public sealed class EmailOptions
{
    public string From { get; set; } = "mentoring@example.org";
    public string FromName { get; set; } = "Mentoring programme";
    /// <summary>Where the local sender writes .eml files when no SendGrid key is configured.</summary>
    public string? PickupDirectory { get; set; }
    /// <summary>The public address of the app, for links in e-mails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";
}

/// <summary>
/// Delivers through SendGrid. The SDK's own retries are off: the outbox owns retries and backoff,
/// so a 429 or 5xx is reported as transient and tried again later, never lost.
/// </summary>
public sealed class SendGridEmailSender(SendGridClient client, EmailOptions options) : IEmailSender
{
    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress(options.From, options.FromName), new EmailAddress(email.ToEmail, email.ToName),
            email.Subject, email.Text, email.Html);
        // Custom args come back on SendGrid's events and activity feed: after a timeout, they say which outbox
        // e-mail (and which attempt) a delivered message was, so a resend can be traced to its first try.
        message.AddCustomArg("outbox_key", Storage.TableKeys.Decode(email.Pointer.RowKey));
        message.AddCustomArg("outbox_partition", email.Pointer.PartitionKey);
        message.AddCustomArg("outbox_attempt", (email.Attempts + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var header in email.Headers.Where(h => !ReplyTo.ApplyTo(message, h))) message.AddHeader(header.Key, header.Value);
        foreach (var a in email.Attachments) message.AddAttachment(a.FileName, a.Base64, a.ContentType);
        try
        {
            var response = await client.SendEmailAsync(message, ct);
            if (response.IsSuccessStatusCode)
                return new SendResult(SendStatus.Sent, ProviderId: response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.First() : "");
            var body = await response.Body.ReadAsStringAsync(ct);
            var transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            return new SendResult(transient ? SendStatus.Transient : SendStatus.Permanent, $"SendGrid {(int)response.StatusCode}: {Truncate(body)}");
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(SendStatus.Transient, $"SendGrid unreachable: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return new SendResult(SendStatus.Transient, $"SendGrid timed out: {ex.Message}");
        }
    }

    private static string Truncate(string s) => s.Length > 500 ? s[..500] : s;
}

/// <summary>
/// The local sender: each e-mail becomes an .eml file (open it in any mail program) named after
/// its outbox key, so a retried delivery overwrites rather than duplicates.
/// </summary>
public sealed class PickupDirectoryEmailSender(string directory, EmailOptions options) : IEmailSender
{
    public string Directory { get; } = directory;

    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = new string(email.Pointer.RowKey
            .Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        var path = Path.Combine(Directory, name + ".eml");
        await File.WriteAllTextAsync(path, Mime(email), ct);
        return new SendResult(SendStatus.Sent, ProviderId: path);
    }

    private string Mime(OutgoingEmail email)
    {
        const string boundary = "mf-alternative";
        const string mixed = "mf-mixed";
        var attachments = email.Attachments;
        var sb = new StringBuilder();
        sb.Append($"From: {Encode(options.FromName)} <{options.From}>\r\n");
        // A sign-in link goes to an address with no name: an empty encoded word would show as the name.
        sb.Append(email.ToName.Length == 0 ? $"To: <{email.ToEmail}>\r\n" : $"To: {Encode(email.ToName)} <{email.ToEmail}>\r\n");
        sb.Append($"Subject: {Encode(email.Subject)}\r\n");
        sb.Append($"Date: {email.CreatedAt:R}\r\n");
        foreach (var h in email.Headers) sb.Append($"{h.Key}: {h.Value}\r\n");
        sb.Append("MIME-Version: 1.0\r\n");
        if (attachments.Count > 0) sb.Append($"Content-Type: multipart/mixed; boundary=\"{mixed}\"\r\n\r\n--{mixed}\r\n");
        sb.Append($"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n");
        foreach (var (type, body) in new[] { ("text/plain", email.Text), ("text/html", email.Html) })
        {
            sb.Append($"--{boundary}\r\nContent-Type: {type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            sb.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(body), Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
        }
        sb.Append($"--{boundary}--\r\n");
        foreach (var a in attachments)
            sb.Append($"--{mixed}\r\nContent-Type: {a.ContentType}; name=\"{a.FileName}\"\r\nContent-Disposition: attachment; filename=\"{a.FileName}\"\r\n" +
                      $"Content-Transfer-Encoding: base64\r\n\r\n{a.Base64}\r\n");
        if (attachments.Count > 0) sb.Append($"--{mixed}--\r\n");
        return sb.ToString();
    }

    private static string Encode(string header) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(header))}?=";
}
