using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 section 4.4): fetches an access token from the token
/// endpoint, caches it until shortly before it expires, and sends it as a bearer token.
/// </summary>
/// <remarks>
/// Concurrent callers share one token request. When the API answers 401 the client drops the
/// cached token and retries once with a fresh one. A token endpoint that refuses the client
/// surfaces as <see cref="UnauthorizedException"/> carrying the OAuth error code and description,
/// never the secret.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class OAuth2ClientCredentialsProvider : IRefreshableAuthenticationProvider, IDisposable
{
    private readonly HttpClient _tokenClient;
    private readonly bool _ownsTokenClient;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _tokenEndpoint;
    private readonly Uri _redactedTokenEndpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly string? _scope;
    private readonly KeyValuePair<string, string>[] _tokenParameters;
    private readonly bool _credentialsInBody;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly object _lock = new();
    private CachedToken? _token;
    private Task<CachedToken>? _pending;

    /// <summary>Initializes a new instance of the <see cref="OAuth2ClientCredentialsProvider"/> class with its own HTTP client for the token endpoint.</summary>
    /// <param name="options">The grant's settings; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid, or the token endpoint is plain http to a host that is not loopback and <see cref="OAuth2ClientCredentialsOptions.AllowInsecureHttp"/> is off.</exception>
    public OAuth2ClientCredentialsProvider(OAuth2ClientCredentialsOptions options)
        : this(options, new HttpClient(ConnectorClient.CreatePrimaryHandler(), disposeHandler: true), ownsClient: true, TimeProvider.System)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OAuth2ClientCredentialsProvider"/> class that fetches tokens through <paramref name="tokenClient"/>.</summary>
    /// <param name="options">The grant's settings; copied.</param>
    /// <param name="tokenClient">The client for the token endpoint; not disposed by this provider. Use a different client from the connector's own, so that token requests never pass through the connector's pipeline.</param>
    /// <param name="timeProvider">The clock for token expiry; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="tokenClient"/> is null.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid, or the token endpoint is plain http to a host that is not loopback and <see cref="OAuth2ClientCredentialsOptions.AllowInsecureHttp"/> is off.</exception>
    public OAuth2ClientCredentialsProvider(OAuth2ClientCredentialsOptions options, HttpClient tokenClient, TimeProvider? timeProvider = null)
        : this(options, tokenClient, ownsClient: false, timeProvider ?? TimeProvider.System)
    {
    }

    private OAuth2ClientCredentialsProvider(OAuth2ClientCredentialsOptions options, HttpClient tokenClient, bool ownsClient, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenClient);
        if (options.TokenEndpoint is not { IsAbsoluteUri: true } tokenEndpoint || (tokenEndpoint.Scheme != Uri.UriSchemeHttps && tokenEndpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("OAuth2ClientCredentialsOptions.TokenEndpoint is required and must be an absolute http(s) URI.", nameof(options));
        }

        if (!options.AllowInsecureHttp && PlainHttpRule.IsInsecure(tokenEndpoint))
        {
            // Checked here, where the secret is sent, so that no way of building or using the provider skips it.
            throw new ArgumentException($"OAuth2ClientCredentialsOptions.TokenEndpoint is {PlainHttpRule.Origin(tokenEndpoint)}, plain http to a host that is not loopback, which would send the client secret in clear text. Use https, or set OAuth2ClientCredentialsOptions.AllowInsecureHttp to true on a closed test network.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw new ArgumentException("OAuth2ClientCredentialsOptions.ClientId is required.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            throw new ArgumentException("OAuth2ClientCredentialsOptions.ClientSecret is required.", nameof(options));
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero)
        {
            throw new ArgumentException($"OAuth2ClientCredentialsOptions.RefreshBeforeExpiry is {options.RefreshBeforeExpiry}; it must not be negative.", nameof(options));
        }

        _tokenEndpoint = tokenEndpoint;
        _redactedTokenEndpoint = RedactionPolicy.Default.Redact(tokenEndpoint);
        _clientId = options.ClientId;
        _clientSecret = options.ClientSecret;
        _scope = string.IsNullOrWhiteSpace(options.Scope) ? null : options.Scope;
        _tokenParameters = [.. options.TokenParameters];
        _credentialsInBody = options.CredentialsInBody;
        _refreshBeforeExpiry = options.RefreshBeforeExpiry;
        _tokenClient = tokenClient;
        _ownsTokenClient = ownsClient;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets the token endpoint.</summary>
    public Uri TokenEndpoint => _tokenEndpoint;

    /// <summary>Gets the client identifier.</summary>
    public string ClientId => _clientId;

    /// <inheritdoc/>
    /// <exception cref="UnauthorizedException">The token endpoint refused the client or answered with something that is not a token.</exception>
    /// <exception cref="ConnectorException">The token endpoint could not be reached.</exception>
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = token.Header;
    }

    /// <inheritdoc/>
    public ValueTask<bool> InvalidateAsync(HttpRequestMessage rejectedRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejectedRequest);
        var sent = rejectedRequest.Headers.Authorization;
        lock (_lock)
        {
            // Drop the token only if it is the one that was rejected; a newer one may already be here.
            if (_token is not null && ReferenceEquals(_token.Header, sent))
            {
                _token = null;
            }
        }

        return ValueTask.FromResult(true);
    }

    /// <summary>Disposes the token client if this provider created it.</summary>
    public void Dispose()
    {
        if (_ownsTokenClient)
        {
            _tokenClient.Dispose();
        }
    }

    /// <summary>Describes the provider without the secret or the token.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"OAuth2 client credentials (token endpoint {_redactedTokenEndpoint}, client '{_clientId}', secret hidden)";

    private async ValueTask<CachedToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var token = Volatile.Read(ref _token);
        if (token is not null && now < token.RefreshAt)
        {
            return token;
        }

        Task<CachedToken> pending;
        lock (_lock)
        {
            if (_token is { } current && now < current.RefreshAt)
            {
                return current;
            }

            // One request for all concurrent callers. It runs without any caller's token, so that
            // one caller giving up does not fail the others; each caller waits with its own token.
            if (_pending is null)
            {
                _pending = Task.Run(FetchAndStoreAsync, CancellationToken.None);

                // Every waiter may have given up: observe a failure so it is not reported as unobserved.
                _pending.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            pending = _pending;
        }

        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<CachedToken> FetchAndStoreAsync()
    {
        CachedToken? token = null;
        try
        {
            token = await FetchAsync().ConfigureAwait(false);
            return token;
        }
        finally
        {
            // One step: a caller never sees the fetch finished but the token not yet stored.
            lock (_lock)
            {
                if (token is not null)
                {
                    _token = token;
                }

                _pending = null;
            }
        }
    }

    private async Task<CachedToken> FetchAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(CreateForm()) };
        request.Headers.TryAddWithoutValidation("Accept", ConnectorDefaults.JsonMediaType);
        if (!_credentialsInBody)
        {
            // RFC 6749 section 2.3.1: form-encode each part before joining and base64-encoding.
            var credentials = $"{WebUtility.UrlEncode(_clientId)}:{WebUtility.UrlEncode(_clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        var context = new ConnectorExceptionContext { Method = HttpMethod.Post, RequestUri = _redactedTokenEndpoint, EndpointName = "OAuth2 token endpoint" };
        HttpResponseMessage response;
        try
        {
            response = await _tokenClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
            throw new ConnectorException(context, $"The OAuth2 token endpoint {_redactedTokenEndpoint} could not be reached: {exception.Message}", exception);
        }

        using (response)
        {
            var body = await ReadTokenResponseAsync(response).ConfigureAwait(false);
            // A token with control characters cannot go in a header (and CR/LF would inject one):
            // refuse it here rather than cache it and fail every request with a FormatException.
            if (!response.IsSuccessStatusCode || body?.AccessToken is not { Length: > 0 } accessToken || HasControlCharacter(accessToken))
            {
                var code = body?.Error ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                var description = body?.ErrorDescription
                    ?? (response.IsSuccessStatusCode ? "The token response has no usable access_token." : response.ReasonPhrase ?? string.Empty);
                var error = new ConnectorError(code, description);
                var failed = new ConnectorExceptionContext { StatusCode = response.StatusCode, Error = error, Method = context.Method, RequestUri = context.RequestUri, EndpointName = context.EndpointName };
                throw new UnauthorizedException(failed, $"The OAuth2 token endpoint {_redactedTokenEndpoint} refused client '{_clientId}' ({(int)response.StatusCode} {error}).");
            }

            var now = _timeProvider.GetUtcNow();
            // No lifetime given, or one that ends past the calendar (which would overflow TimeSpan or
            // DateTimeOffset): keep the token until the API rejects it with 401.
            var refreshAt = body.ExpiresIn is { } seconds and > 0 && seconds < (DateTimeOffset.MaxValue - now).TotalSeconds
                ? now + RefreshMargin(TimeSpan.FromSeconds(seconds))
                : DateTimeOffset.MaxValue;
            return new CachedToken(new AuthenticationHeaderValue("Bearer", accessToken), refreshAt);
        }
    }

    private TimeSpan RefreshMargin(TimeSpan lifetime) =>
        // A lifetime shorter than twice the margin would leave a token barely usable: use half of it.
        lifetime > _refreshBeforeExpiry * 2 ? lifetime - _refreshBeforeExpiry : lifetime / 2;

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<OAuth2TokenResponse?> ReadTokenResponseAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentLength is 0 or > ConnectorDefaults.MaxErrorBodyBytes)
        {
            return null;
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var limited = new LimitedReadStream(stream, ConnectorDefaults.MaxErrorBodyBytes);
            await using (limited.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(limited, ConnectorJsonContext.Default.OAuth2TokenResponse).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    private List<KeyValuePair<string, string>> CreateForm()
    {
        var form = new List<KeyValuePair<string, string>>(_tokenParameters.Length + 4) { new("grant_type", "client_credentials") };
        if (_scope is not null)
        {
            form.Add(new("scope", _scope));
        }

        if (_credentialsInBody)
        {
            form.Add(new("client_id", _clientId));
            form.Add(new("client_secret", _clientSecret));
        }

        form.AddRange(_tokenParameters);
        return form;
    }

    private sealed record CachedToken(AuthenticationHeaderValue Header, DateTimeOffset RefreshAt)
    {
        // Records print their members; this one holds the access token.
        public override string ToString() => $"Cached token (hidden), refreshed at {RefreshAt:u}";
    }
}
