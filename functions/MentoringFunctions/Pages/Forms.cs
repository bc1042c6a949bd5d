namespace MentoringFunctions.Pages;

/// <summary>
/// The pages' buttons post forms. A body that is not a form (JSON, nothing, another type) carries none
/// of their fields, and is answered like an empty form rather than with the framework's exception.
/// </summary>
public static class Forms
{
    public static async Task<IFormCollection?> ReadAsync(HttpRequest req, CancellationToken ct) =>
        req.HasFormContentType ? await req.ReadFormAsync(ct) : null;
}
