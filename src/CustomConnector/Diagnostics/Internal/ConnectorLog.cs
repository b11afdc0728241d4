using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>
/// The call and resilience log events (ids 1 to 99), source-generated so that a disabled level costs
/// nothing. Ids and names are a contract (README, "Telemetry"). Every URI is redacted first; header
/// values and bodies are never logged.
/// </summary>
/// <remarks>
/// Callers check <see cref="ILogger.IsEnabled"/> before computing arguments (a redacted URI, the elapsed
/// time): the generated methods check it again, but only after the arguments were evaluated.
/// </remarks>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1, EventName = "RetryScheduled", Level = LogLevel.Warning,
        Message = "{Method} {RequestUri} ({Endpoint}): attempt {Attempt} failed ({Reason}); retrying in {Delay}.")]
    public static partial void RetryScheduled(ILogger logger, string method, Uri? requestUri, string? endpoint, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2, EventName = "RetryAfterTooLong", Level = LogLevel.Warning,
        Message = "{Method} {RequestUri} ({Endpoint}): the server asked to retry after {RetryAfter}, longer than the connector waits ({Limit}); not retrying.")]
    public static partial void RetryAfterTooLong(ILogger logger, string method, Uri? requestUri, string? endpoint, TimeSpan retryAfter, TimeSpan limit);

    // Polly reports circuit changes from a task of its own, outside any call's scope: the connector is named here.
    [LoggerMessage(EventId = 3, EventName = "CircuitOpened", Level = LogLevel.Error,
        Message = "Connector circuit opened after repeated failures ({Connector}); calls fail fast for {BreakDuration}.")]
    public static partial void CircuitOpened(ILogger logger, string? connector, TimeSpan breakDuration);

    [LoggerMessage(EventId = 4, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "Connector circuit closed ({Connector}): the API answered again.")]
    public static partial void CircuitClosed(ILogger logger, string? connector);

    [LoggerMessage(EventId = 5, EventName = "CallStarted", Level = LogLevel.Debug,
        Message = "{Method} {RequestUri} ({Connector}/{Endpoint}): call started.")]
    public static partial void CallStarted(ILogger logger, string method, Uri? requestUri, string? connector, string? endpoint);

    [LoggerMessage(EventId = 6, EventName = "CallFinished", Level = LogLevel.Debug,
        Message = "{Method} {RequestUri} ({Connector}/{Endpoint}): {StatusCode}, {ResultKind} result after {Attempts} attempt(s) in {ElapsedMilliseconds} ms.")]
    public static partial void CallFinished(ILogger logger, string method, Uri? requestUri, string? connector, string? endpoint, int? statusCode, string resultKind, int attempts, double elapsedMilliseconds);

    [LoggerMessage(EventId = 7, EventName = "CallReturnedError", Level = LogLevel.Warning,
        Message = "{Method} {RequestUri} ({Connector}/{Endpoint}): {StatusCode}, {ResultKind} result after {Attempts} attempt(s) in {ElapsedMilliseconds} ms.")]
    public static partial void CallReturnedError(ILogger logger, string method, Uri? requestUri, string? connector, string? endpoint, int? statusCode, string resultKind, int attempts, double elapsedMilliseconds);

    [LoggerMessage(EventId = 8, EventName = "CallFailed", Level = LogLevel.Error,
        Message = "{Method} {RequestUri} ({Connector}/{Endpoint}) failed with {ErrorType} (status {StatusCode}) after {Attempts} attempt(s) in {ElapsedMilliseconds} ms.")]
    public static partial void CallFailed(ILogger logger, Exception exception, string method, Uri? requestUri, string? connector, string? endpoint, string errorType, int? statusCode, int attempts, double elapsedMilliseconds);

    [LoggerMessage(EventId = 9, EventName = "CallCanceled", Level = LogLevel.Debug,
        Message = "{Method} {RequestUri} ({Connector}/{Endpoint}) was canceled by the caller after {Attempts} attempt(s) in {ElapsedMilliseconds} ms.")]
    public static partial void CallCanceled(ILogger logger, string method, Uri? requestUri, string? connector, string? endpoint, int attempts, double elapsedMilliseconds);

    [LoggerMessage(EventId = 10, EventName = "RateLimitRejected", Level = LogLevel.Warning,
        Message = "{Method} {RequestUri} ({Connector}/{Endpoint}) was not sent: the connector's client-side rate limit is exhausted (retry after {RetryAfter}).")]
    public static partial void RateLimitRejected(ILogger logger, string method, Uri? requestUri, string? connector, string? endpoint, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 11, EventName = "DataMembersAllDefault", Level = LogLevel.Debug,
        Message = "{Method} ({Connector}/{Endpoint}): the {DataType} read from the response has all {MemberCount} members at their defaults. If the JSON object had properties, their names did not match the type's (JSON names are case-sensitive: \"id\" does not fill Id). Give a source-generated context [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)], or create the options with new JsonSerializerOptions(JsonSerializerDefaults.Web).")]
    public static partial void DataMembersAllDefault(ILogger logger, string method, string? connector, string? endpoint, string dataType, int memberCount);
}
