using MentoringFunctions.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace MentoringFunctions.Pages;

/// <summary>A form as read: its fields, or why it could not be read (and the status that says so).</summary>
public sealed record FormRead(IFormCollection? Form, int Status = StatusCodes.Status200OK, string? Error = null)
{
    /// <summary>The request carried no form at all (JSON, nothing, another type).</summary>
    public bool Missing => Form is null && Error is null;

    public string? this[string key] => Form is { } form && form.TryGetValue(key, out var v) ? v.ToString() : null;
}

/// <summary>
/// The pages' buttons post forms. The body is read whole within a limit first, then parsed with limits
/// of its own (fields, lengths, multipart sections), so an oversized or broken form is an answer (413
/// or 400 with the reason) rather than the framework's exception. A body that is not a form carries
/// none of the fields and is answered like an empty form.
/// </summary>
public static class Forms
{
    public const int MaxFields = 200;
    /// <summary>Table Storage keeps a string property of up to 64 KB, as UTF-16.</summary>
    public const int MaxValueLength = 32 * 1024;

    public static async Task<FormRead> ReadAsync(HttpRequest req, CancellationToken ct, int limit = RequestBody.DefaultLimit,
        bool files = false)
    {
        if (!req.HasFormContentType) return new FormRead(null);
        var (bytes, problem) = await RequestBody.ReadAsync(req, limit, ct);
        if (bytes is null)
            return new FormRead(null, problem!.StatusCode, problem.ProblemDetails is HttpValidationProblemDetails v
                ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : "The form could not be read.");
        req.Body = new MemoryStream(bytes, writable: false);
        var options = new FormOptions
        {
            ValueCountLimit = MaxFields, ValueLengthLimit = MaxValueLength, KeyLengthLimit = 200,
            MultipartBodyLengthLimit = limit, MultipartHeadersCountLimit = 8, MultipartHeadersLengthLimit = 4096,
            MultipartBoundaryLengthLimit = 128,
        };
        try
        {
            var form = await req.ReadFormAsync(options, ct);
            return files || form.Files.Count == 0
                ? new FormRead(form)
                : new FormRead(null, StatusCodes.Status400BadRequest, "This form takes no files.");
        }
        // The framework's form reader: InvalidDataException for its limits, IOException for a multipart body that
        // ends early (the body is in memory by now, so nothing else can fail to read).
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return new FormRead(null, StatusCodes.Status400BadRequest, "The form could not be read: " + ex.Message);
        }
    }

    /// <summary>The problem for an API caller whose form could not be read.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(FormRead read) =>
        Problems.Field(read.Status, "$", read.Error ?? "Send the form's fields.", "Unreadable form");
}
