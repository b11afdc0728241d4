using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// Sends connector endpoints: joins the URI to the base address, adds headers and credentials,
/// follows redirects without leaking credentials, enforces the timeout, and parses the response.
/// </summary>
/// <remarks>
/// Thread-safe; create one per connector and reuse it. The constructor without an
/// <see cref="HttpClient"/> owns a handler with automatic redirects off and pooled connections
/// recycled every two minutes. With your own <see cref="HttpClient"/>, set
/// <see cref="HttpClientHandler.AllowAutoRedirect"/> (or <see cref="SocketsHttpHandler.AllowAutoRedirect"/>)
/// to <see langword="false"/>: a handler that follows redirects itself would carry custom
/// credential headers and query API keys to whatever origin the server names.
/// </remarks>
public sealed class ConnectorClient : IConnectorClient, IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly ConnectorSettings _settings;

    /// <summary>Initializes a new instance of the <see cref="ConnectorClient"/> class that owns its HTTP handler.</summary>
    /// <param name="options">The client's settings; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public ConnectorClient(ConnectorClientOptions options)
    {
        _settings = new ConnectorSettings(options, nameof(options));
        _httpClient = new HttpClient(CreatePrimaryHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _ownsHttpClient = true;
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
    }

    /// <summary>Initializes a client over settings already validated, as the dependency-injection factory does.</summary>
    internal ConnectorClient(HttpClient httpClient, ConnectorSettings settings)
    {
        _httpClient = httpClient;
        _settings = settings;
    }

    /// <summary>Gets the base address relative endpoints are joined to, if any.</summary>
    public Uri? BaseAddress => _settings.BaseAddress;

    /// <inheritdoc/>
    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    public Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        var options = _settings.SerializerOptions;
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        return SendAsync(endpoint, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var requestUri = endpoint is EndpointDefinition definition
            ? definition.Resolve(_settings.BaseAddress, nameof(endpoint))
            : UriJoiner.Resolve(_settings.BaseAddress, endpoint.RequestUri, endpoint.Name, nameof(endpoint));
        var origin = new ResultOrigin(endpoint.Name, endpoint.Method, requestUri, _settings.ExceptionMap, _settings.SensitiveQueryParameters);

        using var timeout = _settings.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_settings.Timeout, _settings.TimeProvider);
        using var callerCancellation = timeout is null ? default : cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
        var token = timeout?.Token ?? cancellationToken;
        try
        {
            using var response = await SendFollowingRedirectsAsync(endpoint, requestUri, origin, token).ConfigureAwait(false);
            var envelope = endpoint.Envelope ?? _settings.Envelope;
            return await ConnectorResponseParser.ParseCoreAsync(response, typeInfo, envelope, _settings, origin, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && timeout is { IsCancellationRequested: true })
        {
            throw new ConnectorTimeoutException(origin.CreateContext(null), _settings.Timeout, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && exception.InnerException is TimeoutException)
        {
            // The caller's own HttpClient.Timeout fired.
            throw new ConnectorTimeoutException(origin.CreateContext(null), _httpClient.Timeout, exception);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            if (exception.CancellationToken == cancellationToken)
            {
                throw;
            }

            // The caller's token reached us through the timeout source, whose token the exception
            // carries. Callers tell their own cancellation apart by its token (as HttpClient ensures).
            throw new TaskCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            var context = origin.CreateContext(null);
            throw new ConnectorException(context, $"{context.Method?.Method} {context.RequestUri} ({context.EndpointName}) failed before a complete response arrived: {exception.Message}", exception);
        }
    }

    /// <inheritdoc/>
    public EndpointBuilder GetEndpoint(string name) => _settings.Endpoints.CreateBuilder(name);

    /// <summary>Disposes the HTTP client if this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"ConnectorClient ({_settings.BaseAddress?.ToString() ?? "no base address"})";

    /// <summary>The handler every client that owns its connection pool uses: redirects are the library's job.</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = ConnectorDefaults.PooledConnectionLifetime,
        AutomaticDecompression = DecompressionMethods.All,
    };

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(IConnectorEndpoint endpoint, Uri requestUri, ResultOrigin origin, CancellationToken cancellationToken)
    {
        var authentication = endpoint.IsAnonymous ? null : endpoint.Authentication ?? _settings.Authentication;

        // Credentials go to the base address's origin and trusted origins. An endpoint with its own
        // provider, or a client without a base address, trusts the endpoint's own origin: the
        // developer wrote that URI. Server-supplied locations never earn trust.
        var firstHopTrusted = endpoint.Authentication is not null || _settings.BaseAddress is null || _settings.IsTrustedOrigin(requestUri);
        var method = endpoint.Method;
        var uri = requestUri;
        var withBody = true;
        var refreshed = false;
        for (var hop = 0; ; )
        {
            var sameOrigin = hop == 0 || UriJoiner.SameOrigin(uri, requestUri);
            var credentials = authentication is not null && firstHopTrusted && sameOrigin;
            using var request = CreateRequest(endpoint, method, uri, withBody, includeCustomHeaders: sameOrigin);
            if (credentials)
            {
                await authentication!.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && credentials && !refreshed
                && authentication is IRefreshableAuthenticationProvider refreshable
                && await refreshable.InvalidateAsync(request, cancellationToken).ConfigureAwait(false))
            {
                // Stale credentials: one more try with fresh ones, on the same hop.
                response.Dispose();
                refreshed = true;
                continue;
            }

            if (!_settings.FollowRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            if (++hop > _settings.MaxRedirects)
            {
                throw new ConnectorException(origin.CreateContext(response.StatusCode), $"{endpoint.Method.Method} {origin.RedactedRequestUri} ({endpoint.Name}) was redirected more than {_settings.MaxRedirects} times. Check the URI, or raise ConnectorClientOptions.MaxRedirects.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new ConnectorException(origin.CreateContext(response.StatusCode), $"{endpoint.Method.Method} {origin.RedactedRequestUri} ({endpoint.Name}) was redirected to a '{next.Scheme}' URI, which the connector does not follow.");
            }

            if (uri.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
            {
                throw new ConnectorException(origin.CreateContext(response.StatusCode), $"{endpoint.Method.Method} {origin.RedactedRequestUri} ({endpoint.Name}) was redirected from https to plain http; the connector does not downgrade.");
            }

            if (authentication is ApiKeyProvider apiKey)
            {
                // A server that copies the incoming query into Location hands the key back. Drop it: the
                // provider adds it again on a hop that earns credentials, and no other hop may carry it.
                next = apiKey.RemoveFromQuery(next);
            }

            if (ChangesToGet(response.StatusCode, method))
            {
                method = HttpMethod.Get;
                withBody = false;
            }

            uri = next;
            refreshed = false;
        }
    }

    private HttpRequestMessage CreateRequest(IConnectorEndpoint endpoint, HttpMethod method, Uri uri, bool withBody, bool includeCustomHeaders)
    {
        var request = new HttpRequestMessage(method, uri);
        try
        {
            if (withBody)
            {
                request.Content = endpoint.CreateContent(_settings.SerializerOptions);
            }

            request.Headers.TryAddWithoutValidation("Accept", ConnectorDefaults.JsonMediaType);
            if (includeCustomHeaders)
            {
                foreach (var (name, value) in _settings.DefaultHeaders)
                {
                    SetHeader(request, name, value);
                }

                foreach (var (name, value) in endpoint.Headers)
                {
                    SetHeader(request, name, value);
                }
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        if (HttpHeaderRules.IsContentHeader(name))
        {
            // Content-Type and friends belong to the content (request.Headers throws on them);
            // a request without a body has nowhere to carry them.
            if (request.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }

            return;
        }

        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool ChangesToGet(HttpStatusCode status, HttpMethod method) =>
        (status == HttpStatusCode.SeeOther && method != HttpMethod.Head)
        || (status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && method == HttpMethod.Post);
}
