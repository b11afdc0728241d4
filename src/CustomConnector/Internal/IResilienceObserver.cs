namespace CustomConnector.Internal;

/// <summary>
/// What the resilience stage reports while it works (retries, waits refused, rate-limit rejections, the circuit's state);
/// the telemetry stage listens. Resilience/ and Diagnostics/ know this interface, not each other.
/// </summary>
internal interface IResilienceObserver
{
    /// <summary>An attempt of <paramref name="call"/> failed and another follows after <paramref name="delay"/>.</summary>
    /// <param name="call">The call.</param>
    /// <param name="reasonTag">A short, low-cardinality reason (the status code or the exception type).</param>
    /// <param name="reason">The reason in words.</param>
    /// <param name="delay">The wait before the next attempt.</param>
    void RetryScheduled(ConnectorCall call, string reasonTag, string reason, TimeSpan delay);

    /// <summary>The server asked to wait <paramref name="retryAfter"/>, longer than <paramref name="limit"/>; the call is not retried.</summary>
    void RetryAfterTooLong(ConnectorCall call, TimeSpan retryAfter, TimeSpan limit);

    /// <summary>The connector's client-side rate limit refused <paramref name="call"/>, which is not sent.</summary>
    /// <param name="call">The call.</param>
    /// <param name="retryAfter">When a permit is expected, if the limiter knows.</param>
    void RateLimitRejected(ConnectorCall call, TimeSpan? retryAfter);

    /// <summary>The connector's circuit opened for <paramref name="breakDuration"/>.</summary>
    void CircuitOpened(TimeSpan breakDuration);

    /// <summary>The connector's circuit closed again.</summary>
    void CircuitClosed();
}
