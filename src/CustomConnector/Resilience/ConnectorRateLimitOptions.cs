using System.Threading.RateLimiting;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// A client-side limit on how fast the connector sends requests, so that a host app stays within an
/// API's quota. Requests over the limit wait in a bounded queue; past it they fail with
/// <see cref="TooManyRequestsException"/> saying the limit was the client's.
/// </summary>
public sealed class ConnectorRateLimitOptions
{
    /// <summary>Gets or sets the kind of limit.</summary>
    /// <value>The default is <see cref="ConnectorRateLimitKind.None"/>.</value>
    public ConnectorRateLimitKind Kind { get; set; }

    /// <summary>Gets or sets how many requests each <see cref="Window"/> allows.</summary>
    /// <value>The default is 10.</value>
    public int PermitLimit { get; set; } = ConnectorDefaults.RateLimitPermits;

    /// <summary>Gets or sets the window: a fixed window allows <see cref="PermitLimit"/> requests in each; a token bucket gains one token every <c>Window / PermitLimit</c>.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan Window { get; set; } = ConnectorDefaults.RateLimitWindow;

    /// <summary>Gets or sets how many requests may wait for a permit; 0 rejects at once.</summary>
    /// <value>The default is 100.</value>
    public int QueueLimit { get; set; } = ConnectorDefaults.RateLimitQueue;

    /// <summary>
    /// Gets or sets a rate limiter to use instead of the built-in one, such as one that all host instances
    /// share through Redis (the <c>CustomConnector.Redis</c> package's <c>AddRedisRateLimit</c>). Every
    /// attempt takes one permit from it; a lease that is not acquired fails the call with
    /// <see cref="TooManyRequestsException"/>, so a limiter that should queue must wait inside <c>AcquireAsync</c>.
    /// </summary>
    /// <remarks>
    /// When set, <see cref="Kind"/>, <see cref="PermitLimit"/>, <see cref="Window"/> and <see cref="QueueLimit"/>
    /// are not used. The connector does not dispose it. Not set from configuration. Like the built-in
    /// limit, it applies only while <see cref="ConnectorResilienceOptions.Enabled"/> is on.
    /// </remarks>
    /// <value>The default is <see langword="null"/>: the built-in limit that <see cref="Kind"/> describes.</value>
    public RateLimiter? Limiter { get; set; }

    internal void CopyFrom(ConnectorRateLimitOptions other)
    {
        Limiter = other.Limiter;
        Kind = other.Kind;
        PermitLimit = other.PermitLimit;
        Window = other.Window;
        QueueLimit = other.QueueLimit;
    }
}
