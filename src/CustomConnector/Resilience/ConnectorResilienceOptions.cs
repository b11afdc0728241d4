using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// How a connector rides through transient failures: retries with exponential backoff and jitter,
/// <c>Retry-After</c>, a per-attempt timeout, and optionally a circuit breaker and a client-side rate limit.
/// </summary>
/// <remarks>
/// Only requests that are safe to repeat are retried: GET, and POST endpoints marked
/// <c>AsIdempotent()</c> or carrying an idempotency key. A POST that never reached the server
/// (the connection was refused) is retried too. The total time budget of a call is
/// <see cref="ConnectorClientOptions.Timeout"/>, retries and waits included.
/// </remarks>
public sealed class ConnectorResilienceOptions
{
    /// <summary>Gets or sets a value indicating whether the built-in pipeline runs. Turn it off when resilience handlers on the <c>IHttpClientBuilder</c> do the job, so that nothing retries twice.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many times a failed attempt is retried (0 turns retries off).</summary>
    /// <value>The default is 3.</value>
    public int MaxRetries { get; set; } = ConnectorDefaults.MaxRetries;

    /// <summary>
    /// Gets or sets the base of Polly's exponential backoff: the delays grow from it, doubling on average
    /// with each retry, with Polly's decorrelated jitter (so a single delay may be shorter or longer), and
    /// never above <see cref="MaxDelay"/>. A server's <c>Retry-After</c> on 429 or 503 replaces the backoff.
    /// </summary>
    /// <value>The default is 500 milliseconds.</value>
    public TimeSpan BaseDelay { get; set; } = ConnectorDefaults.RetryBaseDelay;

    /// <summary>Gets or sets the longest computed delay between attempts.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = ConnectorDefaults.RetryMaxDelay;

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> (on 429 and 503) that is waited out. A server asking
    /// for longer, or for more than the call's remaining time, ends the retries at once and the error is returned.
    /// </summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = ConnectorDefaults.MaxRetryAfter;

    /// <summary>Gets or sets the time one attempt may take until its response headers arrive: from 10 ms to 1 day, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = ConnectorDefaults.AttemptTimeout;

    /// <summary>Gets the circuit breaker settings (off by default).</summary>
    public ConnectorCircuitBreakerOptions CircuitBreaker { get; } = new();

    /// <summary>Gets the client-side rate limit settings (off by default).</summary>
    public ConnectorRateLimitOptions RateLimit { get; } = new();

    /// <summary>Copies the retry and timeout settings; the circuit breaker and rate limit are the connector's and not copied.</summary>
    internal ConnectorResilienceOptions CloneRetrySettings() => new()
    {
        Enabled = Enabled,
        MaxRetries = MaxRetries,
        BaseDelay = BaseDelay,
        MaxDelay = MaxDelay,
        MaxRetryAfter = MaxRetryAfter,
        AttemptTimeout = AttemptTimeout,
    };

    /// <summary>Copies every setting.</summary>
    internal ConnectorResilienceOptions Clone()
    {
        var clone = new ConnectorResilienceOptions();
        clone.CopyFrom(this);
        return clone;
    }

    /// <summary>Every setting as one value, to tell whether a configuration reload changed any.</summary>
    internal object Fingerprint() => (Enabled, MaxRetries, BaseDelay, MaxDelay, MaxRetryAfter, AttemptTimeout,
        (CircuitBreaker.Enabled, CircuitBreaker.FailureRatio, CircuitBreaker.MinimumThroughput, CircuitBreaker.SamplingDuration, CircuitBreaker.BreakDuration),
        (RateLimit.Kind, RateLimit.PermitLimit, RateLimit.Window, RateLimit.QueueLimit, RateLimit.Limiter));

    internal void CopyFrom(ConnectorResilienceOptions other)
    {
        Enabled = other.Enabled;
        MaxRetries = other.MaxRetries;
        BaseDelay = other.BaseDelay;
        MaxDelay = other.MaxDelay;
        MaxRetryAfter = other.MaxRetryAfter;
        AttemptTimeout = other.AttemptTimeout;
        CircuitBreaker.CopyFrom(other.CircuitBreaker);
        RateLimit.CopyFrom(other.RateLimit);
    }
}
