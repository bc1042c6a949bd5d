using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MentoringFunctions.Security;

/// <summary>What is limited, and whose requests are counted together.</summary>
public enum RateLimitPolicy
{
    /// <summary>Application posts per client address.</summary>
    Apply,
    /// <summary>Valid applications per e-mail address, from anywhere: what stops mail bombing one person.</summary>
    ApplyAddress,
    /// <summary>Failed sign-ins per client address.</summary>
    SignIn,
    /// <summary>Posts behind signed links (check-in, hours, unsubscribe, feedback) per client address.</summary>
    Links,
    /// <summary>Requests for a sign-in link per client address.</summary>
    SignInLink,
    /// <summary>Sign-in links sent to one e-mail address, from anywhere.</summary>
    SignInAddress,
}

public sealed class RateLimitRule
{
    public int Permits { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>The <c>RateLimits:</c> section: <c>RateLimits:SignIn:Permits</c>, <c>…:Window</c> and so on.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimitRule Apply { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule ApplyAddress { get; set; } = new() { Permits = 3, Window = TimeSpan.FromHours(1) };
    public RateLimitRule SignIn { get; set; } = new() { Permits = 5, Window = TimeSpan.FromMinutes(15) };
    public RateLimitRule Links { get; set; } = new() { Permits = 30, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule SignInLink { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(15) };
    public RateLimitRule SignInAddress { get; set; } = new() { Permits = 3, Window = TimeSpan.FromMinutes(15) };

    public RateLimitRule For(RateLimitPolicy policy) => policy switch
    {
        RateLimitPolicy.Apply => Apply,
        RateLimitPolicy.ApplyAddress => ApplyAddress,
        RateLimitPolicy.SignIn => SignIn,
        RateLimitPolicy.Links => Links,
        RateLimitPolicy.SignInLink => SignInLink,
        RateLimitPolicy.SignInAddress => SignInAddress,
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    public bool IsValid() =>
        Enum.GetValues<RateLimitPolicy>().Select(For).All(r => r.Permits > 0 && r.Window > TimeSpan.Zero);
}

/// <summary>A refused request: which limit, and how long until its window ends.</summary>
public sealed record RateLimitRefusal(RateLimitPolicy Policy, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds for the Retry-After header, never 0 (that would invite an immediate retry).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// The app's rate limits, in the app rather than in a pipeline: under the Functions host the worker's
/// ASP.NET Core pipeline is not ours to add <c>UseRateLimiter</c> to, so both hosts call this service
/// from the function classes. It is ASP.NET Core's primitive, a partitioned fixed-window limiter, with
/// the window read from the injected <see cref="TimeProvider"/>: the partition key carries the number
/// of the current window, so a new window is a fresh partition (tests move a fake clock instead of
/// waiting). Windows are aligned to the clock (a 15-minute window ends at :00, :15, :30, :45).
/// Counts are in memory, per instance: several instances each allow the full limit.
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<Key> _limiter;

    public RateLimits(IOptions<RateLimitOptions> options, TimeProvider time)
    {
        (_options, _time) = (options.Value, time);
        // The limiter's own real-time window only lets a finished partition go idle, so the
        // partitioned limiter drops it; the TimeProvider's window number decides what is allowed.
        _limiter = PartitionedRateLimiter.Create<Key, Key>(key => RateLimitPartition.GetFixedWindowLimiter(key, k =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = _options.For(k.Policy).Permits, Window = _options.For(k.Policy).Window, QueueLimit = 0,
            }));
    }

    /// <summary>Takes a permit for the subject (a client or e-mail address); a refusal when none is left.</summary>
    public RateLimitRefusal? Take(RateLimitPolicy policy, string subject) => Attempt(policy, subject, 1);

    /// <summary>A refusal when the subject has no permit left, without taking one (to count only failures).</summary>
    public RateLimitRefusal? Check(RateLimitPolicy policy, string subject) => Attempt(policy, subject, 0);

    /// <summary>Takes a permit for the request's client: a 429 result to return when refused.</summary>
    public IResult? Take(RateLimitPolicy policy, HttpRequest request) =>
        Refused(Take(policy, ClientAddress.Of(request.HttpContext)));

    /// <summary>A 429 result when the request's client has no permit left; takes none.</summary>
    public IResult? Check(RateLimitPolicy policy, HttpRequest request) =>
        Refused(Check(policy, ClientAddress.Of(request.HttpContext)));

    private static IResult? Refused(RateLimitRefusal? refusal) =>
        refusal is null ? null : new TooManyRequestsResult(refusal);

    private RateLimitRefusal? Attempt(RateLimitPolicy policy, string subject, int permits)
    {
        var window = _options.For(policy).Window;
        var now = _time.GetUtcNow();
        var number = now.UtcTicks / window.Ticks;
        using var lease = _limiter.AttemptAcquire(new Key(policy, subject, number), permits);
        if (lease.IsAcquired) return null;
        var ends = new DateTimeOffset((number + 1) * window.Ticks, TimeSpan.Zero);
        return new RateLimitRefusal(policy, ends - now);
    }

    public void Dispose() => _limiter.Dispose();

    private readonly record struct Key(RateLimitPolicy Policy, string Subject, long Window);
}

public static class RateLimitExtensions
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RateLimitOptions>().Bind(config.GetSection(RateLimitOptions.Section))
            .Validate(o => o.IsValid(), "Each RateLimits policy needs Permits above 0 and a Window above 0.")
            .ValidateOnStart();
        return services.AddSingleton<RateLimits>();
    }
}
