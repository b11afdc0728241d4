using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

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

    /// <summary>Runs calls through their stages: telemetry, resilience, the hop sender, the reader.</summary>
    private readonly ConnectorCallRunner _runner;

    /// <summary>Initializes a new instance of the <see cref="ConnectorClient"/> class that owns its HTTP handler.</summary>
    /// <param name="options">The client's settings; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public ConnectorClient(ConnectorClientOptions options)
    {
        _settings = new ConnectorSettings(options, nameof(options));
        _httpClient = new HttpMessageInvoker(PrimaryHandler.Create(), disposeHandler: true);
        _ownsHttpClient = true;
        _ownsSettings = true;
        _runner = new ConnectorCallRunner(_httpClient, _settings);
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
        _runner = new ConnectorCallRunner(_httpClient, _settings);
    }

    /// <summary>Initializes a client over settings already validated and owned by the caller, as the dependency-injection factory does.</summary>
    internal ConnectorClient(HttpClient httpClient, ConnectorSettings settings)
    {
        _httpClient = httpClient;
        _settings = settings;
        _runner = new ConnectorCallRunner(_httpClient, _settings);
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
        return _runner.SendAsync(endpoint, typeInfo, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ServiceUnavailableException">The connector's circuit breaker is open.</exception>
    /// <exception cref="TooManyRequestsException">The connector's client-side rate limit rejected the call.</exception>
    public Task<ConnectorResult<ConnectorNoData>> SendAsync(IConnectorEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _runner.SendAsync(endpoint, cancellationToken);
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
}
