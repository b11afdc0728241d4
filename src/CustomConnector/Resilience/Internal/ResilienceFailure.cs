using System.Net;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CustomConnector.Internal;

/// <summary>Turns what the resilience stage raises (timeouts, an open circuit, an exhausted rate limit) into the library's exceptions.</summary>
internal static class ResilienceFailure
{
    /// <summary>Returns the library's exception for <paramref name="exception"/>, or <see langword="null"/> when it is not the resilience stage's.</summary>
    /// <param name="exception">What the pipeline raised.</param>
    /// <param name="call">The call, with its attempts and whether its total budget ran out.</param>
    /// <param name="totalTimeout">The call's total time budget.</param>
    /// <param name="rateLimit">The connector's rate limit (an endpoint cannot change it).</param>
    /// <param name="timeProvider">The connector's clock.</param>
    public static Exception? Translate(Exception exception, ConnectorCall call, TimeSpan totalTimeout, ConnectorRateLimitOptions rateLimit, TimeProvider timeProvider) => exception switch
    {
        // The cancellation inside is what the caller would have seen without Polly: it stays the cause.
        TimeoutRejectedException when call.TotalTimedOut =>
            new ConnectorTimeoutException(call.CreateContext(null), totalTimeout, ConnectorTimeoutKind.Total, exception.InnerException ?? exception),
        TimeoutRejectedException timeout =>
            new ConnectorTimeoutException(call.CreateContext(null), timeout.Timeout, ConnectorTimeoutKind.Attempt, exception),
        BrokenCircuitException broken => new ServiceUnavailableException(
            call.CreateContext(HttpStatusCode.ServiceUnavailable, broken.RetryAfter),
            $"{call.Describe()} {(call.Attempts == 0 ? "was not sent" : $"was not sent again after {call.DescribeAttempts()}")}: the connector's circuit breaker is open after repeated failures, so calls fail fast{(broken.RetryAfter is { } wait ? $" until about {timeProvider.GetUtcNow() + wait:u}" : string.Empty)}.",
            exception),
        RateLimiterRejectedException rejected => new TooManyRequestsException(
            call.CreateContext(HttpStatusCode.TooManyRequests, rejected.RetryAfter),
            $"{call.Describe()} was not sent: the connector's client-side rate limit ({rateLimit.PermitLimit} per {rateLimit.Window}, {rateLimit.QueueLimit} queued at most) is exhausted. The API itself did not refuse it.",
            exception),
        _ => null,
    };
}
