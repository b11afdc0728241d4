using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
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
            static (response, call, state, token) => EnvelopeReader.ReadValueAsync(response, state.TypeInfo, state.Envelope, ReaderLimits(state.Settings), ReaderOrigin(call), token),
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
    /// Runs one logical call through the endpoint's pipeline: the call pipeline (total timeout, rate
    /// limit) around the attempt pipeline (retry, circuit breaker, attempt timeout) around the hop
    /// sender, then <paramref name="read"/> on the final response within the total timeout; failures
    /// become the library's exceptions.
    /// </summary>
    internal async Task<TResult> SendCoreAsync<TResult, TState>(
        IConnectorEndpoint endpoint,
        ConnectorCall call,
        TState state,
        Func<HttpResponseMessage, ConnectorCall, TState, CancellationToken, Task<TResult>> read,
        CancellationToken cancellationToken)
    {
        var timeProvider = _settings.TimeProvider;
        if (_settings.Timeout != Timeout.InfiniteTimeSpan)
        {
            call.DeadlineTimestamp = timeProvider.GetTimestamp() + (long)(_settings.Timeout.TotalSeconds * timeProvider.TimestampFrequency);
        }

        var callPipeline = _settings.CallPipeline;
        var run = new CallRun<TState, TResult>(_sender, _settings.Resilience.GetAttemptPipeline(endpoint.Resilience), call, state, read);
        ResilienceContext? context = null;
        var started = timeProvider.GetTimestamp();
        var activity = ConnectorTelemetry.StartCall(call);
        Exception? failure = null;
        try
        {
            Outcome<TResult> outcome;
            if (callPipeline is null && run.Attempt is null)
            {
                outcome = await RunAsync(run, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                context = ResilienceContextPool.Shared.Get(cancellationToken);
                context.Properties.Set(ConnectorResilience.CallKey, call);
                outcome = callPipeline is null
                    ? await RunAsync(context, run).ConfigureAwait(false)
                    : await callPipeline.ExecuteOutcomeAsync(static (context, run) => RunAsync(context, run), context, run).ConfigureAwait(false);
            }

            outcome.ThrowIfException();
            return outcome.Result!;
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

            // The caller's token reached us through a timeout's source, whose token the exception
            // carries. Callers tell their own cancellation apart by its token (as HttpClient ensures).
            throw failure = new TaskCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (TimeoutRejectedException exception) when (call.TotalTimedOut)
        {
            // The cancellation inside is what the caller would have seen without Polly: keep it as the cause.
            throw failure = new ConnectorTimeoutException(call.CreateContext(null), _settings.Timeout, ConnectorTimeoutKind.Total, exception.InnerException ?? exception);
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
            ConnectorTelemetry.EndCall(activity, call, call.StatusCode, failure, started, timeProvider);
            if (context is not null)
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    /// <summary>The call inside the call pipeline: its attempts, then reading the final response.</summary>
    private static ValueTask<Outcome<TResult>> RunAsync<TState, TResult>(ResilienceContext context, CallRun<TState, TResult> run) =>
        RunAsync(run, context.CancellationToken, context);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<TResult>> RunAsync<TState, TResult>(CallRun<TState, TResult> run, CancellationToken token, ResilienceContext? context = null)
    {
        var call = run.Call;
        try
        {
            HttpResponseMessage response;
            if (run.Attempt is null)
            {
                response = await run.Sender.SendAsync(call, token).ConfigureAwait(false);
            }
            else
            {
                var attempt = await run.Attempt.ExecuteOutcomeAsync(static (context, state) => SendAttemptAsync(context, state), context!, (run.Sender, call)).ConfigureAwait(false);
                attempt.ThrowIfException();
                response = attempt.Result!;
            }

            call.StatusCode = (int)response.StatusCode;
            try
            {
                return Outcome.FromResult(await run.Read(response, call, run.State, token).ConfigureAwait(false));
            }
            finally
            {
                // A streaming reader owns the response once it took it, and disposes it when its caller is done.
                if (!call.ResponseTaken)
                {
                    response.Dispose();
                }
            }
        }
        catch (Exception exception)
        {
            return Outcome.FromException<TResult>(exception);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<HttpResponseMessage>> SendAttemptAsync(ResilienceContext context, (HopSender Sender, ConnectorCall Call) state)
    {
        try
        {
            return Outcome.FromResult(await state.Sender.SendAsync(state.Call, context.CancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
    }

    private static string Attempts(ConnectorCall call) => call.Attempts == 1 ? "1 attempt" : $"{call.Attempts} attempts";
}
