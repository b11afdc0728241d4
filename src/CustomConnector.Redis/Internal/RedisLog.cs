using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>The Redis package's log events (ids 400 to 499). No token, secret or connection string is logged.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 400, EventName = "TokenCacheHit", Level = LogLevel.Debug,
        Message = "Connector '{Connector}': OAuth token found in the {Store} cache.")]
    public static partial void TokenCacheHit(ILogger logger, string connector, string store);

    [LoggerMessage(EventId = 401, EventName = "TokenCacheMiss", Level = LogLevel.Debug,
        Message = "Connector '{Connector}': no OAuth token in the {Store} cache.")]
    public static partial void TokenCacheMiss(ILogger logger, string connector, string store);

    [LoggerMessage(EventId = 402, EventName = "TokenLockWait", Level = LogLevel.Debug,
        Message = "Connector '{Connector}': another instance is fetching the OAuth token; waited {ElapsedMs} ms ({Result}).")]
    public static partial void TokenLockWait(ILogger logger, string connector, long elapsedMs, string result);

    [LoggerMessage(EventId = 403, EventName = "TokenStored", Level = LogLevel.Debug,
        Message = "Connector '{Connector}': OAuth token stored in the {Store} cache until {RefreshAt:u}.")]
    public static partial void TokenStored(ILogger logger, string connector, string store, DateTimeOffset refreshAt);

    [LoggerMessage(EventId = 404, EventName = "TokenWrittenBack", Level = LogLevel.Debug,
        Message = "Connector '{Connector}': OAuth token fetched during the Redis outage written back to Redis.")]
    public static partial void TokenWrittenBack(ILogger logger, string connector);

    [LoggerMessage(EventId = 405, EventName = "TokenInvalidated", Level = LogLevel.Debug,
        Message = "Connector '{Connector}': OAuth token refused by the API; removed from the shared cache: {Removed}.")]
    public static partial void TokenInvalidated(ILogger logger, string connector, bool removed);

    [LoggerMessage(EventId = 406, EventName = "TokenUnreadable", Level = LogLevel.Debug,
        Message = "Connector '{Connector}': the OAuth token in Redis could not be read ({Reason}); fetching a new one.")]
    public static partial void TokenUnreadable(ILogger logger, string connector, string reason);

    [LoggerMessage(EventId = 410, EventName = "RedisUnavailable", Level = LogLevel.Warning,
        Message = "Connector '{Connector}': Redis is unreachable ({Reason}); using the in-process token cache and rate limit until it is back. Logged once per outage.")]
    public static partial void RedisUnavailable(ILogger logger, string connector, string reason);

    [LoggerMessage(EventId = 411, EventName = "RedisRecovered", Level = LogLevel.Information,
        Message = "Connector '{Connector}': Redis is reachable again after {OutageSeconds:0.0} s; sharing tokens and the rate limit again.")]
    public static partial void RedisRecovered(ILogger logger, string connector, double outageSeconds);
}
