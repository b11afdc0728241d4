using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace CustomConnector.Internal;

/// <summary>
/// Builds and holds a connector's Polly pipelines. The circuit breaker and the rate limiter are
/// the connector's (one of each, shared by all its endpoints); retries and the attempt timeout
/// may differ per endpoint, so each endpoint override gets its own pipeline around the shared part.
/// </summary>
/// <remarks>
/// The pipeline wraps each attempt inside the client, and every attempt builds a fresh request
/// (fresh body, fresh credentials), so a retry never resends a consumed message. The attempt
/// timeout is the client's own (a pooled cancellation source per attempt, raising Polly's
/// <see cref="TimeoutRejectedException"/>), which lets a first attempt that succeeds skip the
/// pipeline's machinery entirely when the connector has no circuit breaker or rate limiter.
/// </remarks>
internal sealed class ConnectorResilience : IDisposable
{
    public static readonly ResiliencePropertyKey<ConnectorCall> CallKey = new("CustomConnector.Call");

    private readonly ConnectorResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _shared;

    /// <summary>The shared part when it holds a rate limiter or a circuit breaker, for endpoints that turn their own pipeline off.</summary>
    private readonly ResiliencePipeline<HttpResponseMessage>? _sharedOnly;
    private readonly ConnectorRateLimiter? _limiter;
    private readonly CircuitBreakerStateProvider? _circuit;
    private readonly ConditionalWeakTable<Action<ConnectorResilienceOptions>, EndpointResilience> _overrides = [];
    private readonly ConditionalWeakTable<Action<ConnectorResilienceOptions>, EndpointResilience>.CreateValueCallback _createOverride;

    public ConnectorResilience(ConnectorResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _createOverride = CreateOverride;
        _timeProvider = timeProvider;
        _logger = logger;
        var shared = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.RateLimit.Kind != ConnectorRateLimitKind.None)
        {
            // Timed on the connector's clock, so that fake time drives it in tests.
            var limiter = new ConnectorRateLimiter(options.RateLimit, timeProvider);
            _limiter = limiter;
            shared.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => limiter.AcquireAsync(args.Context.CancellationToken),
            });
        }

        if (options.CircuitBreaker.Enabled)
        {
            var breaker = options.CircuitBreaker;
            _circuit = new CircuitBreakerStateProvider();
            shared.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                StateProvider = _circuit,
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(IsServiceFailure(args.Outcome, args.Context)),
                OnOpened = args =>
                {
                    ConnectorLog.CircuitOpened(_logger, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    ConnectorLog.CircuitClosed(_logger);
                    return default;
                },
            });
        }

        _shared = shared.Build();
        _sharedOnly = _limiter is not null || options.CircuitBreaker.Enabled ? _shared : null;
        Default = options.Enabled ? Build(options) : null;
    }

    /// <summary>
    /// Gets a value indicating whether the connector has a circuit breaker or rate limiter, which must
    /// see every attempt; without them the first attempt runs outside the pipeline (see the client).
    /// </summary>
    public bool HasSharedStrategies => _sharedOnly is not null;

    /// <summary>Gets the pipeline for endpoints without an override, or <see langword="null"/> when resilience is off.</summary>
    public ResiliencePipeline<HttpResponseMessage>? Default { get; }

    /// <summary>
    /// Returns the pipeline for an endpoint's override (cached per override). An endpoint that turns
    /// resilience off still meets the connector's rate limit and circuit breaker, which protect the API
    /// for every endpoint and only the connector sets; <see langword="null"/> when the connector has neither.
    /// </summary>
    /// <param name="endpointOverride">The endpoint's changes to the connector's settings, if any.</param>
    /// <param name="effective">The retry and timeout settings that apply to the endpoint.</param>
    public ResiliencePipeline<HttpResponseMessage>? GetPipeline(Action<ConnectorResilienceOptions>? endpointOverride, out ConnectorResilienceOptions effective)
    {
        if (endpointOverride is null)
        {
            effective = _options;
            return Default;
        }

        if (!_overrides.TryGetValue(endpointOverride, out var endpoint))
        {
            endpoint = _overrides.GetValue(endpointOverride, _createOverride);
        }

        effective = endpoint.Options;
        return endpoint.Pipeline;
    }

    public void Dispose() => _limiter?.Dispose();

    /// <summary>Applies an endpoint's override once; its settings and pipeline are then cached with the delegate.</summary>
    private EndpointResilience CreateOverride(Action<ConnectorResilienceOptions> endpointOverride)
    {
        // Holds only the retry and timeout settings: the rate limit and circuit breaker stay the connector's.
        var options = Effective(endpointOverride);
        return new EndpointResilience(options, options.Enabled ? Build(options) : _sharedOnly);
    }

    internal ConnectorResilienceOptions Effective(Action<ConnectorResilienceOptions> endpointOverride)
    {
        var options = _options.CloneRetrySettings();
        endpointOverride(options);
        ConnectorResilienceValidator.ThrowIfInvalid(options, "endpoint");
        return options;
    }

    /// <summary>The delay before retry number <paramref name="retry"/> (0-based): exponential, capped, with ±25% jitter.</summary>
    internal static TimeSpan ComputeDelay(ConnectorResilienceOptions options, int retry, double random)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        var jittered = capped * (1 - ConnectorDefaults.RetryJitterFactor + (2 * ConnectorDefaults.RetryJitterFactor * random));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
    }

    /// <summary>True for failures that say nothing about whether the request reached the server's logic.</summary>
    internal static bool IsRetryableStatus(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool IsServiceFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        // A request the client could not write says nothing about the service's health.
        { Exception: HttpRequestException exception } => TransientFailure.IsTransient(exception),
        { Exception: TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => false,
        { Result: { } response } => response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout,
        _ => false,
    };

    private ResiliencePipeline<HttpResponseMessage> Build(ConnectorResilienceOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Context.Properties.TryGetValue(CallKey, out var call) && ShouldRetry(args.Outcome, call, options)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.Outcome, args.AttemptNumber, options)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallKey, out var call))
                    {
                        var reason = Describe(args.Outcome);
                        ConnectorTelemetry.RecordRetry(call, args.Outcome.Exception is null ? ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception.GetType().Name);
                        if (_logger.IsEnabled(LogLevel.Warning))
                        {
                            ConnectorLog.RetryScheduled(_logger, call.Method?.Method ?? "?", call.RedactedRequestUri, call.EndpointName, call.Attempts, reason, args.RetryDelay);
                        }
                    }

                    return default;
                },
            });
        }

        if (_sharedOnly is not null)
        {
            builder.AddPipeline(_sharedOnly);
        }

        return builder.Build();
    }

    /// <summary>Whether a failed attempt is worth another: transient, safe to repeat for this call, and allowed.</summary>
    internal bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ConnectorCall call, ConnectorResilienceOptions options)
    {
        if (!options.Enabled || options.MaxRetries == 0 || call.Attempts > options.MaxRetries)
        {
            return false;
        }

        if (_circuit is { CircuitState: CircuitState.Open or CircuitState.Isolated })
        {
            // This failure (or another call's) opened the circuit: the next attempt could only fail fast,
            // so return what the API said rather than an exception claiming nothing was sent.
            return false;
        }

        switch (outcome.Exception)
        {
            case null:
                break;
            case TimeoutRejectedException:
                // The attempt may have reached the server before it ran out of time.
                return call.CanRepeat;
            case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }:
                // Nothing was sent: safe for any method.
                return true;
            case HttpRequestException exception:
                // A failure the request itself caused (a header HttpClient cannot write, content that
                // throws) fails the same way every time: never retried, whatever the method.
                return call.CanRepeat && TransientFailure.IsTransient(exception);
            case IOException:
                return call.CanRepeat;
            default:
                return false;
        }

        var response = outcome.Result!;
        if (!IsRetryableStatus(response.StatusCode) || !call.CanRepeat)
        {
            return false;
        }

        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && RetryAfterParser.Parse(response, _timeProvider) is { } retryAfter)
        {
            var remaining = call.DeadlineTimestamp == long.MaxValue
                ? TimeSpan.MaxValue
                : _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), call.DeadlineTimestamp);
            if (retryAfter > options.MaxRetryAfter || retryAfter >= remaining)
            {
                ConnectorLog.RetryAfterTooLong(_logger, call.Method?.Method ?? "?", call.RedactedRequestUri, call.EndpointName, retryAfter, retryAfter > options.MaxRetryAfter ? options.MaxRetryAfter : remaining);
                return false;
            }
        }

        return true;
    }

    private TimeSpan RetryDelay(Outcome<HttpResponseMessage> outcome, int retry, ConnectorResilienceOptions options)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
            && RetryAfterParser.Parse(response, _timeProvider) is { } retryAfter)
        {
            return retryAfter;
        }

        return ComputeDelay(options, retry, Random.Shared.NextDouble());
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => $"{(int)outcome.Result!.StatusCode} {outcome.Result.StatusCode}",
        TimeoutRejectedException => "attempt timed out",
        HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
        var exception => exception.GetType().Name,
    };

    private sealed record EndpointResilience(ConnectorResilienceOptions Options, ResiliencePipeline<HttpResponseMessage>? Pipeline);
}
