using MentoringFunctions.Pages;

namespace MentoringFunctions.Admin;

/// <summary>Signing in by e-mailed link, and out: the only /manage pages open without a session (sign-out needs one).</summary>
public sealed class SignInPages(AdminAccess admin, MemberSignIn signIn)
{
    [Function("SignInPage")]
    public Task<IResult> SignInPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/login")] HttpRequest req) =>
        PageResults.LoginAsync(req.HttpContext, StatusCodes.Status200OK, null);

    [Function("SignIn")]
    public Task<IResult> SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/login")] HttpRequest req, CancellationToken ct) =>
        signIn.RequestAsync(req, ct);

    /// <summary>The link shows a button rather than signing in at once: mail scanners that open links must not use them up.</summary>
    [Function("SignInLinkPage")]
    public Task<IResult> SignInLinkPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/login/link")] HttpRequest req, CancellationToken ct) =>
        signIn.LinkPageAsync(req, ct);

    [Function("SignInWithLink")]
    public Task<IResult> SignInWithLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/login/link")] HttpRequest req, CancellationToken ct) =>
        signIn.UseLinkAsync(req, ct);

    [Function("SignOut")]
    public Task<IResult> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/logout")] HttpRequest req, CancellationToken ct) =>
        admin.Guard(req, AdminGuard.AppWide, AdminRole.Reviewer, () => signIn.SignOutAsync(req, ct));
}
