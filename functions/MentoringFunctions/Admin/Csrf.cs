using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using MentoringFunctions.Hosting;
using MentoringFunctions.Pages;

namespace MentoringFunctions.Admin;

/// <summary>
/// Cross-site request forgery: a state-changing request signed in by cookie must carry its session's own random
/// token, as the hidden form field <see cref="Field"/> or the <see cref="Header"/> header (which another site cannot
/// set). Every page rendered for a signed-in member gets the field in each of its POST forms (<see cref="Inject"/>),
/// so a form added to any template is protected without doing anything. The shared key (API automation) sends no
/// cookie and needs no token.
/// </summary>
public static partial class Csrf
{
    public const string Field = "__csrf";
    public const string Header = "X-CSRF-Token";

    public static async Task<bool> IsValidAsync(HttpRequest request, AdminUser user)
    {
        if (user.CsrfToken is not { } expected || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            return true;
        var given = request.Headers[Header].FirstOrDefault() ?? await FormFieldAsync(request);
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>
    /// The token field of a form body, read from a copy: the handler then reads the body whole, as if nothing had.
    /// An unreadable body has no token.
    /// </summary>
    private static async Task<string?> FormFieldAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return null;
        var (bytes, _) = await RequestBody.ReadAsync(request, Imports.ImportFunctions.UploadLimit, request.HttpContext.RequestAborted);
        if (bytes is null) return null;
        request.Body = new MemoryStream(bytes, writable: false);
        var read = await Forms.ReadAsync(request, request.HttpContext.RequestAborted, Imports.ImportFunctions.UploadLimit, files: true);
        request.Body = new MemoryStream(bytes, writable: false);
        return read[Field];
    }

    [GeneratedRegex("""<form\b[^>]*\bmethod="post"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    /// <summary>The page with the token as the first field of each POST form.</summary>
    public static string Inject(string html, string token)
    {
        var field = $"""<input type="hidden" name="{Field}" value="{HtmlEncoder.Default.Encode(token)}">""";
        return PostForm().Replace(html, m => m.Value + field);
    }
}
