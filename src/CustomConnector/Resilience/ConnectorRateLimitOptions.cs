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

    internal void CopyFrom(ConnectorRateLimitOptions other)
    {
        Kind = other.Kind;
        PermitLimit = other.PermitLimit;
        Window = other.Window;
        QueueLimit = other.QueueLimit;
    }
}
