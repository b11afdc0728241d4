using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// How a connector reaches Redis to share OAuth tokens (<c>AddRedisTokenCache</c>) and its rate limit
/// (<c>AddRedisRateLimit</c>) with the other host instances. Read from <c>Connectors:{name}:Redis</c>
/// (for example <c>Connectors:Wings:Redis:Configuration</c>), then from the action passed in code.
/// </summary>
/// <remarks>
/// Redis trouble never fails a call: every Redis operation is bounded by <see cref="OperationTimeout"/>,
/// and while Redis is unreachable the connector uses an in-process cache and limiter, logs one Warning
/// for the outage, and goes back to Redis when it answers again.
/// </remarks>
public sealed class RedisConnectorOptions
{
    /// <summary>
    /// Gets or sets the StackExchange.Redis configuration string, such as <c>redis.internal:6379,password=...,ssl=true</c>.
    /// Required. It may hold a password: it never appears in messages or logs.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the longest one Redis operation may take before the connector carries on without Redis.</summary>
    /// <value>The default is 1 second; from 10 milliseconds to 1 minute.</value>
    public TimeSpan OperationTimeout { get; set; } = RedisDefaults.OperationTimeout;

    /// <summary>Gets or sets the prefix of every key the connector writes, so that several applications can share one Redis.</summary>
    /// <value>The default is <c>customconnector</c>.</value>
    public string KeyPrefix { get; set; } = RedisDefaults.KeyPrefix;

    /// <summary>
    /// Gets or sets how long an instance waits for another instance's token request (the shared lock)
    /// before it requests a token on its own.
    /// </summary>
    /// <value>The default is 5 seconds; from 10 milliseconds to 5 minutes.</value>
    public TimeSpan LockWait { get; set; } = RedisDefaults.LockWait;

    /// <summary>
    /// Gets or sets how long the shared lock lasts when the instance holding it never releases it (it stopped
    /// half way); the lock is normally released as soon as the token is stored.
    /// </summary>
    /// <value>The default is 30 seconds; from 100 milliseconds to 10 minutes.</value>
    public TimeSpan LockLease { get; set; } = RedisDefaults.LockLease;

    /// <summary>Describes the settings with the connection string hidden (it may hold a password).</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"Configuration = {(string.IsNullOrEmpty(Configuration) ? "not set" : "hidden")}, OperationTimeout = {OperationTimeout}, KeyPrefix = {KeyPrefix}";
}
