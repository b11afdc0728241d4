using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>OAuth 2.0 token fetches: event ids 100 to 199. The token endpoint is always redacted first; no token or secret is ever an argument.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 100, EventName = "TokenFetched", Level = LogLevel.Debug,
        Message = "OAuth2 token fetched from {TokenEndpoint} in {Attempts} attempt(s); lifetime {ExpiresIn} (null: none given, kept until the API answers 401).")]
    public static partial void TokenFetched(ILogger logger, Uri tokenEndpoint, int attempts, TimeSpan? expiresIn);

    [LoggerMessage(EventId = 101, EventName = "TokenFetchRetrying", Level = LogLevel.Warning,
        Message = "OAuth2 token request {Attempt} to {TokenEndpoint} failed ({Outcome}, {ErrorType}); retrying in {Delay}.")]
    public static partial void TokenFetchRetrying(ILogger logger, Exception? exception, Uri tokenEndpoint, int attempt, string outcome, string? errorType, TimeSpan delay);

    [LoggerMessage(EventId = 102, EventName = "TokenFetchFailed", Level = LogLevel.Error,
        Message = "OAuth2 token fetch from {TokenEndpoint} failed after {Attempts} attempt(s) ({Outcome}, {ErrorType}); calls waiting for it fail.")]
    public static partial void TokenFetchFailed(ILogger logger, Exception exception, Uri tokenEndpoint, int attempts, string outcome, string? errorType);

    [LoggerMessage(EventId = 103, EventName = "TokenInvalidated", Level = LogLevel.Information,
        Message = "OAuth2 token from {TokenEndpoint} dropped: the API answered 401 Unauthorized; the next request fetches a new one.")]
    public static partial void TokenInvalidated(ILogger logger, Uri tokenEndpoint);

    [LoggerMessage(EventId = 104, EventName = "TokenFetchCancelled", Level = LogLevel.Debug,
        Message = "OAuth2 token fetch from {TokenEndpoint} cancelled after {Attempts} attempt(s): every call waiting for it gave up.")]
    public static partial void TokenFetchCancelled(ILogger logger, Uri tokenEndpoint, int attempts);
}
