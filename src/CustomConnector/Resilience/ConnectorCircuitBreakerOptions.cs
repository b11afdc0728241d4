using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// The connector's circuit breaker: when too many calls fail, calls fail fast with
/// <see cref="ServiceUnavailableException"/> for a while instead of piling onto a struggling API.
/// One circuit per connector.
/// </summary>
public sealed class ConnectorCircuitBreakerOptions
{
    /// <summary>Gets or sets a value indicating whether the circuit breaker runs.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the share of failed attempts (0 to 1) within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default is 0.5.</value>
    public double FailureRatio { get; set; } = ConnectorDefaults.CircuitFailureRatio;

    /// <summary>Gets or sets how many attempts must be seen within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    /// <value>The default is 10.</value>
    public int MinimumThroughput { get; set; } = ConnectorDefaults.CircuitMinimumThroughput;

    /// <summary>Gets or sets the window over which failures are counted: from 0.5 seconds to 1 day.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan SamplingDuration { get; set; } = ConnectorDefaults.CircuitSamplingDuration;

    /// <summary>Gets or sets how long the circuit stays open before one probe call is let through: from 0.5 seconds to 1 day.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = ConnectorDefaults.CircuitBreakDuration;

    internal void CopyFrom(ConnectorCircuitBreakerOptions other)
    {
        Enabled = other.Enabled;
        FailureRatio = other.FailureRatio;
        MinimumThroughput = other.MinimumThroughput;
        SamplingDuration = other.SamplingDuration;
        BreakDuration = other.BreakDuration;
    }
}
