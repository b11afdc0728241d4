using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace CustomConnector.Internal;

/// <summary>
/// Builds and holds a connector's Polly pipelines, stock strategies only. The call pipeline
/// (<see cref="CreateCallPipeline"/>) is the total timeout; the attempt pipeline
/// (<see cref="GetAttemptPipeline"/>) is retry, rate limiter, circuit breaker and attempt timeout, in that order.
/// The circuit breaker and the rate limiter are the connector's (one of each, shared by all its
/// endpoints); retries and the attempt timeout may differ per endpoint, so each endpoint override
/// gets its own attempt pipeline around the shared breaker.
/// </summary>
/// <remarks>
/// The call's state (<see cref="ConnectorCall"/>: attempts, deadline, whether it may be repeated)
/// travels in the <see cref="ResilienceContext"/> under <see cref="CallKey"/>; nothing here calls
/// back into the client. Every attempt builds a fresh request, so a retry never resends a consumed message.
/// </remarks>
internal sealed class ConnectorResilience : IDisposable
{
    public static readonly ResiliencePropertyKey<ConnectorCall> CallKey = new("CustomConnector.Call");

    private readonly ConnectorResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IResilienceObserver _observer;
    /// <summary>Polly's own bound on delays; longer settings are clamped rather than failing every call.</summary>
    private static readonly TimeSpan MaxPollyDelay = TimeSpan.FromDays(1);

    /// <summary>The connector's rate limiter and circuit breaker, if any, inside every attempt pipeline (one of each per connector).</summary>
    private readonly ResiliencePipeline<HttpResponseMessage>? _shared;
    private readonly ConnectorRateLimiter? _limiter;
    private readonly CircuitBreakerStateProvider? _circuit;
    private readonly ConditionalWeakTable<Action<ConnectorResilienceOptions>, AttemptPipelines> _overrides = [];
    private readonly ConditionalWeakTable<Action<ConnectorResilienceOptions>, AttemptPipelines>.CreateValueCallback _createOverride;
    private readonly AttemptPipelines? _default;

    public ConnectorResilience(ConnectorResilienceOptions options, TimeProvider timeProvider, IResilienceObserver observer)
    {
        _options = options;
        _createOverride = CreateOverride;
        _timeProvider = timeProvider;
        _observer = observer;
        if (!options.Enabled)
        {
            return;
        }

        var shared = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.RateLimit.Limiter is { } supplied)
        {
            // The host's limiter (shared across instances, say): not ours to dispose.
            shared.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => supplied.AcquireAsync(1, args.Context.CancellationToken),
            });
        }
        else if (options.RateLimit.Kind != ConnectorRateLimitKind.None)
        {
            // Timed on the connector's clock, so that fake time drives it in tests.
            var limiter = new ConnectorRateLimiter(options.RateLimit, timeProvider);
            _limiter = limiter;
            shared.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => limiter.AcquireAsync(args.Context.CancellationToken),
                OnRejected = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallKey, out var call))
                    {
                        _observer.RateLimitRejected(call, args.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null);
                    }

                    return default;
                },
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
                ShouldHandle = static args => ValueTask.FromResult(IsServiceFailure(args.Outcome)),
                OnOpened = args =>
                {
                    _observer.CircuitOpened(args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    _observer.CircuitClosed();
                    return default;
                },
            });
        }

        _shared = _limiter is not null || _circuit is not null || options.RateLimit.Limiter is not null ? shared.Build() : null;
        _default = new AttemptPipelines(this, options);
    }

    /// <summary>Gets the attempt pipeline for endpoints without an override, or <see langword="null"/> when it would do nothing.</summary>
    public ResiliencePipeline<HttpResponseMessage>? Default => _default?.Full;

    /// <summary>
    /// Builds the pipeline around the whole call: the total timeout, or <see langword="null"/> when
    /// <paramref name="timeout"/> is infinite.
    /// </summary>
    /// <param name="timeout">The call's total time budget, retries, waits and reading included.</param>
    /// <remarks>
    /// A total timeout marks the call in the context (<see cref="ConnectorCall.TotalTimedOut"/>), so that
    /// its <see cref="TimeoutRejectedException"/> is told apart from an attempt's.
    /// </remarks>
    public ResiliencePipeline? CreateCallPipeline(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        return new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddTimeout(new TimeoutStrategyOptions
            {
                // A generator, since the connector's Timeout may lie outside the range Polly checks on the
                // Timeout property (10 ms to 1 day); the value was validated with the settings.
                TimeoutGenerator = _ => ValueTask.FromResult(timeout),
                OnTimeout = static args =>
                {
                    if (args.Context.Properties.TryGetValue(CallKey, out var call))
                    {
                        call.TotalTimedOut = true;
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Returns the attempt pipeline for an endpoint (cached per override). An endpoint that turns
    /// resilience off still meets the connector's rate limit and circuit breaker, which protect the API
    /// for every endpoint and only the connector sets; <see langword="null"/> when nothing would run.
    /// </summary>
    /// <param name="endpointOverride">The endpoint's changes to the connector's settings, if any.</param>
    /// <param name="totalTimeout">
    /// The call's total timeout, around the attempt pipeline. An attempt timeout no shorter than it can
    /// never fire first (the total timeout started earlier), so the pipeline returned leaves it out:
    /// a stock timeout strategy costs a state machine on the heap for every call that waits on the network.
    /// </param>
    public ResiliencePipeline<HttpResponseMessage>? GetAttemptPipeline(Action<ConnectorResilienceOptions>? endpointOverride, TimeSpan totalTimeout = default)
    {
        AttemptPipelines? pipelines;
        if (endpointOverride is null)
        {
            pipelines = _default;
        }
        else if (!_overrides.TryGetValue(endpointOverride, out pipelines))
        {
            pipelines = _overrides.GetValue(endpointOverride, _createOverride);
        }

        return pipelines?.For(totalTimeout);
    }

    public void Dispose() => _limiter?.Dispose();

    /// <summary>Applies an endpoint's override once; its settings and pipelines are then cached with the delegate.</summary>
    private AttemptPipelines CreateOverride(Action<ConnectorResilienceOptions> endpointOverride) =>
        // Holds only the retry and timeout settings: the rate limit and circuit breaker stay the connector's.
        new(this, Effective(endpointOverride));

    internal ConnectorResilienceOptions Effective(Action<ConnectorResilienceOptions> endpointOverride)
    {
        var options = _options.CloneRetrySettings();
        endpointOverride(options);
        ConnectorResilienceValidator.ThrowIfInvalid(options, "endpoint");
        return options;
    }

    /// <summary>True for failures that say nothing about whether the request reached the server's logic.</summary>
    internal static bool IsRetryableStatus(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool IsServiceFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        // A request the client could not write says nothing about the service's health.
        { Exception: HttpRequestException exception } => TransientFailure.IsTransient(exception),
        { Exception: TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => false,
        { Result: { } response } => response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout,
        _ => false,
    };

    /// <summary>
    /// Retry, the connector's rate limit and circuit breaker, attempt timeout: each only when configured;
    /// <see langword="null"/> for none. The rate limit sits inside the retries: every attempt is a request
    /// the API receives, so every attempt takes a permit.
    /// </summary>
    /// <param name="options">The retry and attempt-timeout settings.</param>
    /// <param name="withAttemptTimeout">Whether the attempt timeout (if set) is in the pipeline.</param>
    private ResiliencePipeline<HttpResponseMessage>? Build(ConnectorResilienceOptions options, bool withAttemptTimeout)
    {
        var retries = options.Enabled && options.MaxRetries > 0;
        var attemptTimeout = withAttemptTimeout && options.Enabled && options.AttemptTimeout != Timeout.InfiniteTimeSpan;
        if (!retries && !attemptTimeout && _shared is null)
        {
            return null;
        }

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider };
        if (retries)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Min(options.BaseDelay, MaxPollyDelay),
                MaxDelay = Min(options.MaxDelay, MaxPollyDelay),
                ShouldHandle = args => ValueTask.FromResult(args.Context.Properties.TryGetValue(CallKey, out var call) && ShouldRetry(args.Outcome, call, options)),

                // The server's Retry-After when it sent one; otherwise null, and Polly's backoff applies.
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallKey, out var call))
                    {
                        var tag = args.Outcome.Exception is null ? ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception.GetType().FullName!;
                        _observer.RetryScheduled(call, tag, Describe(args.Outcome), args.RetryDelay);
                    }

                    return default;
                },
            });
        }

        if (_shared is not null)
        {
            builder.AddPipeline(_shared);
        }

        if (attemptTimeout)
        {
            builder.AddTimeout(options.AttemptTimeout);
        }

        return builder.Build();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

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
                _observer.RetryAfterTooLong(call, retryAfter, retryAfter > options.MaxRetryAfter ? options.MaxRetryAfter : remaining);
                return false;
            }
        }

        return true;
    }

    private TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
            ? RetryAfterParser.Parse(response, _timeProvider)
            : null;

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => $"{(int)outcome.Result!.StatusCode} {outcome.Result.StatusCode}",
        TimeoutRejectedException => "attempt timed out",
        HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
        var exception => exception.GetType().Name,
    };

    /// <summary>
    /// The attempt pipelines of one set of retry settings: the full one, and (built on first use) the one
    /// without the attempt timeout, for calls whose total timeout ends no later than the attempt timeout would.
    /// </summary>
    private sealed class AttemptPipelines
    {
        private readonly ConnectorResilience _owner;
        private readonly ConnectorResilienceOptions _options;
        private ResiliencePipeline<HttpResponseMessage>? _withinTotal;
        private bool _withinTotalBuilt;

        public AttemptPipelines(ConnectorResilience owner, ConnectorResilienceOptions options)
        {
            _owner = owner;
            _options = options;
            Full = owner.Build(options, withAttemptTimeout: true);
        }

        public ResiliencePipeline<HttpResponseMessage>? Full { get; }

        public ResiliencePipeline<HttpResponseMessage>? For(TimeSpan totalTimeout)
        {
            if (totalTimeout <= TimeSpan.Zero || _options.AttemptTimeout == Timeout.InfiniteTimeSpan || _options.AttemptTimeout < totalTimeout)
            {
                return Full;
            }

            if (!Volatile.Read(ref _withinTotalBuilt))
            {
                // Built at most a few times in a race, harmlessly: the rate limiter and breaker inside are the connector's one.
                _withinTotal = _owner.Build(_options, withAttemptTimeout: false);
                Volatile.Write(ref _withinTotalBuilt, true);
            }

            return _withinTotal;
        }
    }
}
