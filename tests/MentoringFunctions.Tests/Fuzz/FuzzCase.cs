using MentoringFunctions.Tests.Infrastructure;

namespace MentoringFunctions.Tests.Fuzz;

/// <summary>How a case gets past the admin guard, so that its input reaches the handler.</summary>
public enum Access { Anonymous, Key, Cookie }

/// <summary>
/// What a case must get: Rejected, a 4xx with problem details or an error page; Harmless, anything but a
/// server error (input an endpoint has no use for, e.g. a query string on a page that takes none).
/// Either way nothing may be written.
/// </summary>
public enum Expect { Rejected, Harmless }

/// <summary>One malformed request to one HTTP function, named for the report when it fails.</summary>
public sealed record FuzzCase(
    string Function,
    string Name,
    string Method,
    string Path,
    Func<HttpContent?> Body,
    Access Access,
    Expect Expect = Expect.Rejected,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => $"{Function} [{Name}] {Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)}";
}

/// <summary>The data a fuzz run aims at: a real cohort, applications, a run, and links signed for them.</summary>
public sealed record FuzzWorld(
    string Cohort,
    string MentorId,
    string MentorEmail,
    string MenteeId,
    string Run,
    SessionCookie AdminCookie,
    IReadOnlyDictionary<string, string> Tokens,
    string Secret);
