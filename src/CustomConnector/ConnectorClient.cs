using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CustomConnector;

/// <summary>
/// Sends connector endpoints: joins the URI to the base address, adds headers and credentials,
/// retries transient failures (Polly v8, one fresh request per attempt), follows redirects without
/// leaking credentials, enforces the timeouts, and parses the response.
/// </summary>
/// <remarks>
/// Thread-safe; create one per connector and reuse it. The constructor without an
/// <see cref="HttpClient"/> owns a handler with automatic redirects off and pooled connections
/// recycled every two minutes. With your own <see cref="HttpClient"/>, set
/// <see cref="HttpClientHandler.AllowAutoRedirect"/> (or <see cref="SocketsHttpHandler.AllowAutoRedirect"/>)
/// to <see langword="false"/>: a handler that follows redirects itself would carry custom
/// credential headers and query API keys to whatever origin the server names.
/// </remarks>
public sealed partial class ConnectorClient : IConnectorClient, IDisposable
{
    /// <summary>The caller's or the factory's <see cref="HttpClient"/>, or, when the client owns its handler, a bare invoker (no per-call linked cancellation source of HttpClient's).</summary>
    private readonly HttpMessageInvoker _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly bool _ownsSettings;
    private readonly ConnectorSettings _settings;
    private readonly HopTrustPolicy _trust;
    private readonly HopSender _sender;

    /// <summary>Initializes a new instance of the <see cref="ConnectorClient"/> class that owns its HTTP handler.</summary>
    /// <param name="options">The client's settings; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public ConnectorClient(ConnectorClientOptions options)
    {
        _settings = new ConnectorSettings(options, nameof(options));
        _httpClient = new HttpMessageInvoker(CreatePrimaryHandler(), disposeHandler: true);
        _ownsHttpClient = true;
        _ownsSettings = true;
        _trust = new HopTrustPolicy(_settings);
        _sender = new HopSender(_httpClient, _settings);
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The client to send with, used as is and not disposed. Turn its automatic redirects off (see remarks).</param>
    /// <param name="options">The client's settings; when <see langword="null"/>, or when they have no base address, <paramref name="httpClient"/>'s base address is used.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public ConnectorClient(HttpClient httpClient, ConnectorClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        // The caller's options are read, never changed: one options object may configure several clients.
        _settings = new ConnectorSettings(options ?? new ConnectorClientOptions(), nameof(options), fallbackBaseAddress: httpClient.BaseAddress);
        _httpClient = httpClient;
        _ownsSettings = true;
        _trust = new HopTrustPolicy(_settings);
        _sender = new HopSender(_httpClient, _settings);
    }

    /// <summary>Initializes a client over settings already validated and owned by the caller, as the dependency-injection factory does.</summary>
    internal ConnectorClient(HttpClient httpClient, ConnectorSettings settings)
    {
        _httpClient = httpClient;
        _settings = settings;
        _trust = new HopTrustPolicy(_settings);
        _sender = new HopSender(_httpClient, _settings);
    }

    /// <summary>Gets the base address relative endpoints are joined to, if any.</summary>
    public Uri? BaseAddress => _settings.BaseAddress;

    /// <inheritdoc/>
    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    public Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, CancellationToken cancellationToken = default) =>
        SendAsync(endpoint, GetReflectionTypeInfo<T>(), cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="ServiceUnavailableException">The connector's circuit breaker is open.</exception>
    /// <exception cref="TooManyRequestsException">The connector's client-side rate limit rejected the call.</exception>
    public Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var call = CreateCall(endpoint, ResolveUri(endpoint), trustEndpointOrigin: true);
        var envelope = endpoint.Envelope ?? _settings.Envelope;
        return SendCoreAsync(
            endpoint,
            call,
            (TypeInfo: typeInfo, Envelope: envelope, Settings: _settings),
            static (response, call, state, token) => ConnectorResponseParser.ParseCoreAsync(response, state.TypeInfo, state.Envelope, state.Settings, call, token),
            cancellationToken);
    }

    /// <inheritdoc/>
    public EndpointBuilder GetEndpoint(string name) => _settings.Endpoints.CreateBuilder(name);

    /// <summary>
    /// Disposes the HTTP client if this instance created it, and the client's rate limiter: calls still
    /// waiting for a permit fail with <see cref="ObjectDisposedException"/>. A caller's <see cref="HttpClient"/> is left open.
    /// </summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }

        if (_ownsSettings)
        {
            _settings.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"ConnectorClient ({(_settings.BaseAddress is { } baseAddress ? _settings.Redaction.Redact(baseAddress).ToString() : "no base address")})";

    [RequiresUnreferencedCode("Deserializes by reflection.")]
    [RequiresDynamicCode("Deserializes by reflection.")]
    private JsonTypeInfo<T> GetReflectionTypeInfo<T>()
    {
        var options = _settings.SerializerOptions;
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    /// <summary>The handler every client that owns its connection pool uses: redirects are the library's job.</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = ConnectorDefaults.PooledConnectionLifetime,
        AutomaticDecompression = DecompressionMethods.All,
    };

    internal Uri ResolveUri(IConnectorEndpoint endpoint) => endpoint is EndpointDefinition definition
        ? definition.Resolve(_settings.BaseAddress, _settings.Redaction, nameof(endpoint))
        : UriJoiner.Resolve(_settings.BaseAddress, endpoint.RequestUri, endpoint.Name, _settings.Redaction.With(endpoint.Authentication), nameof(endpoint));

    /// <summary>Starts the bookkeeping of one logical call to <paramref name="requestUri"/>.</summary>
    /// <param name="endpoint">The endpoint whose headers, body and credentials the call uses.</param>
    /// <param name="requestUri">Where the call goes (the endpoint's own URI, or a page link).</param>
    /// <param name="trustEndpointOrigin">
    /// Whether a client without a base address may send credentials to <paramref name="requestUri"/>'s
    /// origin: yes for a URI the developer wrote, no for one a server supplied.
    /// </param>
    /// <exception cref="ArgumentException">The first hop would carry credentials over plain http to a host that is not loopback.</exception>
    internal ConnectorCall CreateCall(IConnectorEndpoint endpoint, Uri requestUri, bool trustEndpointOrigin)
    {
        if (!_settings.AllowInsecureHttp && PlainHttpRule.IsInsecure(requestUri) && _trust.FirstHopCarriesCredentials(endpoint, requestUri, trustEndpointOrigin))
        {
            // Checked before anything is sent. Later hops need no check: credentials stay on the first
            // hop's origin (same scheme), and https never redirects down to http.
            throw new ArgumentException(
                $"Endpoint '{endpoint.Name}' would send credentials over plain http to {PlainHttpRule.Origin(requestUri)}, a host that is not loopback, where they cross the network in clear text. Use https, or set AllowInsecureHttp (ConnectorClientOptions, or the connector's configuration) to true on a closed test network.",
                nameof(endpoint));
        }

        return new(endpoint.Name, endpoint.Method, requestUri, _settings.ExceptionMap, _settings.Redaction.With(endpoint.Authentication))
        {
            CanRepeat = endpoint.IsIdempotent || endpoint.IdempotencyKey is not null || endpoint.GeneratesIdempotencyKey,
            IdempotencyKey = endpoint.IdempotencyKey ?? (endpoint.GeneratesIdempotencyKey ? Guid.NewGuid().ToString("D") : null),
            TrustEndpointOrigin = trustEndpointOrigin,
            Endpoint = endpoint,
            Trust = _trust.ForFirstHop(endpoint, requestUri, trustEndpointOrigin),
        };
    }

    /// <summary>
    /// Runs one logical call: the time budget, the resilience pipeline around each attempt, and
    /// <paramref name="read"/> on the final response, mapping failures to the library's exceptions.
    /// </summary>
    internal async Task<TResult> SendCoreAsync<TResult, TState>(
        IConnectorEndpoint endpoint,
        ConnectorCall call,
        TState state,
        Func<HttpResponseMessage, ConnectorCall, TState, CancellationToken, Task<TResult>> read,
        CancellationToken cancellationToken)
    {
        var timeProvider = _settings.TimeProvider;
        // A source of its own per call (no pooling): its token reaches providers and handlers that may
        // hold on to it, and a reset source would cancel them with some later call.
        var timeout = _settings.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_settings.Timeout, timeProvider);
        var callerCancellation = timeout is null ? default : cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
        if (timeout is not null)
        {
            call.DeadlineTimestamp = timeProvider.GetTimestamp() + (long)(_settings.Timeout.TotalSeconds * timeProvider.TimestampFrequency);
        }

        var token = timeout?.Token ?? cancellationToken;
        ResilienceContext? context = null;
        HttpResponseMessage? response = null;
        var started = timeProvider.GetTimestamp();
        var activity = ConnectorTelemetry.StartCall(call);
        int? statusCode = null;
        Exception? failure = null;
        try
        {
            var resilience = _settings.Resilience;
            var pipeline = resilience.GetPipeline(endpoint.Resilience, out var effective);
            if (pipeline is null)
            {
                response = await _sender.SendAsync(call, token).ConfigureAwait(false);
            }
            else
            {
                Outcome<HttpResponseMessage>? first = null;
                var retryFirst = true;
                if (!resilience.HasSharedStrategies)
                {
                    // Most calls succeed at once: the first attempt runs outside Polly, and only a
                    // failure worth retrying enters the pipeline, which receives this outcome as its
                    // first attempt's (so delays, attempt numbers and events are the pipeline's own).
                    // When the attempt limit is the nearer one, the call's own source bounds the first
                    // attempt too: one timer per call on the happy path instead of two.
                    var sharedSource = timeout is not null && effective.AttemptTimeout != Timeout.InfiniteTimeSpan && effective.AttemptTimeout < _settings.Timeout;
                    if (sharedSource)
                    {
                        timeout!.CancelAfter(effective.AttemptTimeout);
                    }

                    try
                    {
                        var firstResponse = sharedSource
                            ? await _sender.SendAsync(call, token).ConfigureAwait(false)
                            : await _sender.SendAttemptAsync(call, effective.AttemptTimeout, token).ConfigureAwait(false);
                        first = Outcome.FromResult(firstResponse);
                    }
                    catch (OperationCanceledException exception) when (sharedSource && timeout!.IsCancellationRequested && !cancellationToken.IsCancellationRequested && Remaining(call) > TimeSpan.Zero)
                    {
                        first = Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException($"The attempt got no response within the attempt timeout of {effective.AttemptTimeout}.", effective.AttemptTimeout, exception));
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        first = Outcome.FromException<HttpResponseMessage>(exception);
                    }

                    if (sharedSource)
                    {
                        var remaining = Remaining(call);
                        if (timeout!.IsCancellationRequested && !cancellationToken.IsCancellationRequested && remaining > TimeSpan.Zero)
                        {
                            // The first attempt's limit fired on the call's source: the rest of the call gets a fresh one.
                            callerCancellation.Dispose();
                            timeout.Dispose();
                            timeout = new CancellationTokenSource(remaining, timeProvider);
                            callerCancellation = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
                            token = timeout.Token;
                        }
                        else
                        {
                            timeout.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                        }
                    }

                    retryFirst = resilience.ShouldRetry(first.Value, call, effective);
                    if (!retryFirst)
                    {
                        first.Value.ThrowIfException();
                    }
                }

                if (!retryFirst)
                {
                    response = first!.Value.Result!;
                }
                else
                {
                    call.PendingOutcome = first;
                    context = ResilienceContextPool.Shared.Get(token);
                    context.Properties.Set(ConnectorResilience.CallKey, call);
                    var attemptTimeout = effective.Enabled ? effective.AttemptTimeout : Timeout.InfiniteTimeSpan;
                    response = await pipeline.ExecuteAsync(
                        static (context, state) => state.Call.TakePendingOutcome(out var pending)
                            ? pending.Exception is { } exception ? ValueTask.FromException<HttpResponseMessage>(exception) : ValueTask.FromResult(pending.Result!)
                            : state.Sender.SendAttemptAsync(state.Call, state.AttemptTimeout, context.CancellationToken),
                        context,
                        (Sender: _sender, Call: call, AttemptTimeout: attemptTimeout)).ConfigureAwait(false);
                }
            }

            statusCode = (int)response.StatusCode;
            var result = await read(response, call, state, token).ConfigureAwait(false);
            if (call.ResponseTaken)
            {
                // A streaming reader owns the response now and disposes it when its caller is done.
                response = null;
            }

            return result;
        }
        catch (Exception exception) when ((failure = exception) is null)
        {
            // Never runs: the filter only notes the failure for telemetry and lets the clauses below handle it.
            throw;
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            if (exception.CancellationToken == cancellationToken)
            {
                throw;
            }

            // The caller's token reached us through the timeout source, whose token the exception
            // carries. Callers tell their own cancellation apart by its token (as HttpClient ensures).
            throw failure = new TaskCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (OperationCanceledException exception) when (timeout is { IsCancellationRequested: true })
        {
            throw failure = new ConnectorTimeoutException(call.CreateContext(null), _settings.Timeout, ConnectorTimeoutKind.Total, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw failure = new ConnectorTimeoutException(call.CreateContext(null), exception.Timeout, ConnectorTimeoutKind.Attempt, exception);
        }
        catch (OperationCanceledException exception) when (exception.InnerException is TimeoutException)
        {
            // The caller's own HttpClient.Timeout fired.
            throw failure = new ConnectorTimeoutException(call.CreateContext(null), (_httpClient as HttpClient)?.Timeout ?? Timeout.InfiniteTimeSpan, ConnectorTimeoutKind.Attempt, exception);
        }
        catch (BrokenCircuitException exception)
        {
            var retryAt = exception.RetryAfter is { } wait ? $" until about {timeProvider.GetUtcNow() + wait:u}" : string.Empty;
            var notSent = call.Attempts == 0 ? "was not sent" : $"was not sent again after {Attempts(call)}";
            throw failure = new ServiceUnavailableException(
                call.CreateContext(HttpStatusCode.ServiceUnavailable, exception.RetryAfter),
                $"{call.Describe()} {notSent}: the connector's circuit breaker is open after repeated failures, so calls fail fast{retryAt}.",
                exception);
        }
        catch (RateLimiterRejectedException exception)
        {
            // The limit is the connector's, not an endpoint override's.
            var limit = _settings.ResilienceOptions.RateLimit;
            throw failure = new TooManyRequestsException(
                call.CreateContext(HttpStatusCode.TooManyRequests, exception.RetryAfter),
                $"{call.Describe()} was not sent: the connector's client-side rate limit ({limit.PermitLimit} per {limit.Window}, {limit.QueueLimit} queued at most) is exhausted. The API itself did not refuse it.",
                exception);
        }
        catch (HttpRequestException exception) when (!TransientFailure.IsTransient(exception))
        {
            throw failure = new ConnectorException(call.CreateContext(null), $"{call.Describe()} could not be sent ({Attempts(call)}): {exception.Message} The failure is in the request or the client's settings, not the network, so it was not retried.", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw failure = new ConnectorException(call.CreateContext(null), $"{call.Describe()} failed before a complete response arrived ({Attempts(call)}): {exception.Message}", exception);
        }
        finally
        {
            ConnectorTelemetry.EndCall(activity, call, statusCode, failure, started, timeProvider);
            response?.Dispose();

            // A first attempt's response the pipeline never took (the call was cancelled first) still holds a connection.
            if (call.TakePendingOutcome(out var untaken))
            {
                untaken.Result?.Dispose();
            }

            if (context is not null)
            {
                ResilienceContextPool.Shared.Return(context);
            }

            callerCancellation.Dispose();
            timeout?.Dispose();
        }
    }

    /// <summary>What is left of the call's time budget.</summary>
    private TimeSpan Remaining(ConnectorCall call) =>
        _settings.TimeProvider.GetElapsedTime(_settings.TimeProvider.GetTimestamp(), call.DeadlineTimestamp);

    private static string Attempts(ConnectorCall call) => call.Attempts == 1 ? "1 attempt" : $"{call.Attempts} attempts";
}
