using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>The library's log events, source-generated so that a disabled level costs nothing. URIs are always redacted first.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1, EventName = "RetryScheduled", Level = LogLevel.Warning,
        Message = "{Method} {RequestUri} ({Endpoint}): attempt {Attempt} failed ({Reason}); retrying in {Delay}.")]
    public static partial void RetryScheduled(ILogger logger, string method, Uri? requestUri, string? endpoint, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2, EventName = "RetryAfterTooLong", Level = LogLevel.Warning,
        Message = "{Method} {RequestUri} ({Endpoint}): the server asked to retry after {RetryAfter}, longer than the connector waits ({Limit}); not retrying.")]
    public static partial void RetryAfterTooLong(ILogger logger, string method, Uri? requestUri, string? endpoint, TimeSpan retryAfter, TimeSpan limit);

    [LoggerMessage(EventId = 3, EventName = "CircuitOpened", Level = LogLevel.Error,
        Message = "Connector circuit opened after repeated failures; calls fail fast for {BreakDuration}.")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 4, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "Connector circuit closed: the API answered again.")]
    public static partial void CircuitClosed(ILogger logger);
}
