using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// A client-side rate limit that all host instances of a connector share through Redis, so that together
/// they stay within the API's quota. Every attempt (retries included) takes one permit.
/// </summary>
public sealed class RedisRateLimitOptions
{
    /// <summary>Gets or sets the algorithm.</summary>
    /// <value>The default is <see cref="RedisRateLimitKind.FixedWindow"/>.</value>
    public RedisRateLimitKind Kind { get; set; }

    /// <summary>Gets or sets how many calls all instances together may make per <see cref="Window"/>.</summary>
    /// <value>The default is 10; at least 1.</value>
    public int PermitLimit { get; set; } = 10;

    /// <summary>Gets or sets the window.</summary>
    /// <value>The default is 1 second; positive.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how many calls of this instance may wait for a permit; past it a call fails at once with
    /// <see cref="TooManyRequestsException"/>. A waiting call is bounded by its own timeout.
    /// </summary>
    /// <value>The default is 100; 0 or more.</value>
    public int QueueLimit { get; set; } = 100;

    /// <summary>
    /// Gets or sets the limit this instance keeps on its own, per <see cref="Window"/>, while Redis is unreachable.
    /// To stay within the quota during an outage, set it to <see cref="PermitLimit"/> divided by the number of instances.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="PermitLimit"/>.</value>
    public int? FallbackPermitLimit { get; set; }

    /// <summary>Gets or sets the name of the shared limit in Redis; connectors (or applications) with the same name share one limit.</summary>
    /// <value>The default is <see langword="null"/>: the connector's name.</value>
    public string? PartitionName { get; set; }

    internal TimeSpan PollInterval => TimeSpan.FromTicks(Math.Clamp(Window.Ticks / 20, RedisDefaults.MinPoll.Ticks, RedisDefaults.MaxPoll.Ticks));
}
