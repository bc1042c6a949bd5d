using Microsoft.AspNetCore.Http.HttpResults;

namespace MentoringFunctions.Hosting;

/// <summary>
/// Reads a request body whole, up to a limit, before any parser sees it: a body larger than anything the
/// app stores is refused (413) without being read to its end, and a stream the server itself refuses
/// (Kestrel's size limit, a broken chunked encoding) is a 4xx problem rather than an exception.
/// </summary>
public static class RequestBody
{
    /// <summary>Bodies of JSON and form requests: many times any valid one, far below what a 5 MB flood needs.</summary>
    public const int DefaultLimit = 256 * 1024;

    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int limit,
        CancellationToken ct)
    {
        if (request.ContentLength > limit) return (null, TooLarge(limit));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return (null, TooLarge(limit));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Problems.Field(ex.StatusCode is >= 400 and < 500 ? ex.StatusCode : 400, "$",
                "The request body could not be read: " + ex.Message, "Unreadable request body"));
        }
        return (buffer.ToArray(), null);
    }

    private static ProblemHttpResult TooLarge(int limit) => Problems.Field(StatusCodes.Status413PayloadTooLarge, "$",
        $"The body must be at most {limit / 1024} KB.", "Request body too large");
}

/// <summary>RFC 9457 problem details that name the field and the reason, at any 4xx status.</summary>
public static class Problems
{
    public static ProblemHttpResult Field(int status, string field, string reason, string title) =>
        Fields(status, new Dictionary<string, string[]> { [field] = [reason] }, title);

    public static ProblemHttpResult Fields(int status, IDictionary<string, string[]> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = status, Title = title });
}
