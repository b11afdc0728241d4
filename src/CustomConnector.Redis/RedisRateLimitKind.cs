namespace CustomConnector;

/// <summary>The algorithm of a rate limit that host instances share through Redis (RedisRateLimiting's limiters).</summary>
public enum RedisRateLimitKind
{
    /// <summary><see cref="RedisRateLimitOptions.PermitLimit"/> calls in each fixed window of <see cref="RedisRateLimitOptions.Window"/>.</summary>
    FixedWindow = 0,

    /// <summary>At most <see cref="RedisRateLimitOptions.PermitLimit"/> calls in any span of <see cref="RedisRateLimitOptions.Window"/>.</summary>
    SlidingWindow = 1,

    /// <summary>A bucket of <see cref="RedisRateLimitOptions.PermitLimit"/> tokens, refilled with <see cref="RedisRateLimitOptions.PermitLimit"/> tokens every <see cref="RedisRateLimitOptions.Window"/>.</summary>
    TokenBucket = 2,
}
