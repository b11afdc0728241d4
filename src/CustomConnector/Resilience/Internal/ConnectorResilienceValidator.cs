namespace CustomConnector.Internal;

/// <summary>Checks resilience settings; used by client construction, endpoint overrides and options validation alike.</summary>
internal static class ConnectorResilienceValidator
{
    // Polly's own bounds: a value outside them passes here only to fail every call when the pipeline is built.
    private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinCircuitDuration = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxPollyDuration = TimeSpan.FromDays(1);

    public static void Validate(ConnectorResilienceOptions options, string path, List<string> errors)
    {
        if (options.MaxRetries is < 0 or > 100)
        {
            errors.Add($"{path}:MaxRetries is {options.MaxRetries}; it must be between 0 and 100.");
        }

        if (options.BaseDelay < TimeSpan.Zero)
        {
            errors.Add($"{path}:BaseDelay is {options.BaseDelay}; it must not be negative.");
        }

        if (options.MaxDelay < options.BaseDelay)
        {
            errors.Add($"{path}:MaxDelay is {options.MaxDelay}; it must be at least BaseDelay ({options.BaseDelay}).");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"{path}:MaxRetryAfter is {options.MaxRetryAfter}; it must not be negative.");
        }

        if ((options.AttemptTimeout < MinAttemptTimeout || options.AttemptTimeout > MaxPollyDuration) && options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{path}:AttemptTimeout is {options.AttemptTimeout}; it must be from 10 ms to 1 day, or Timeout.InfiniteTimeSpan for none.");
        }

        var breaker = options.CircuitBreaker;
        if (breaker.Enabled)
        {
            if (breaker.FailureRatio is <= 0 or > 1)
            {
                errors.Add($"{path}:CircuitBreaker:FailureRatio is {breaker.FailureRatio}; it must be above 0 and at most 1.");
            }

            if (breaker.MinimumThroughput < 2)
            {
                errors.Add($"{path}:CircuitBreaker:MinimumThroughput is {breaker.MinimumThroughput}; it must be at least 2.");
            }

            if (breaker.SamplingDuration < MinCircuitDuration || breaker.SamplingDuration > MaxPollyDuration)
            {
                errors.Add($"{path}:CircuitBreaker:SamplingDuration is {breaker.SamplingDuration}; it must be from 500 ms to 1 day.");
            }

            if (breaker.BreakDuration < MinCircuitDuration || breaker.BreakDuration > MaxPollyDuration)
            {
                errors.Add($"{path}:CircuitBreaker:BreakDuration is {breaker.BreakDuration}; it must be from 500 ms to 1 day.");
            }
        }

        var limit = options.RateLimit;
        if (!Enum.IsDefined(limit.Kind))
        {
            errors.Add($"{path}:RateLimit:Kind is {(int)limit.Kind}; use None, TokenBucket or FixedWindow.");
        }
        else if (limit.Kind != ConnectorRateLimitKind.None)
        {
            if (limit.PermitLimit < 1)
            {
                errors.Add($"{path}:RateLimit:PermitLimit is {limit.PermitLimit}; it must be at least 1.");
            }

            if (limit.Window <= TimeSpan.Zero)
            {
                errors.Add($"{path}:RateLimit:Window is {limit.Window}; it must be positive.");
            }

            if (limit.QueueLimit < 0)
            {
                errors.Add($"{path}:RateLimit:QueueLimit is {limit.QueueLimit}; it must be zero or more.");
            }
        }
    }

    public static void ThrowIfInvalid(ConnectorResilienceOptions options, string paramName)
    {
        var errors = new List<string>();
        Validate(options, "Resilience", errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), paramName);
        }
    }
}
