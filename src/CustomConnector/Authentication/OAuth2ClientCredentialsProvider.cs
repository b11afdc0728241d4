using System.Diagnostics;
using System.Net.Http.Headers;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 section 4.4): fetches an access token from the token
/// endpoint, caches it until shortly before it expires, and sends it as a bearer token.
/// </summary>
/// <remarks>
/// <para>
/// Concurrent callers share one token request; each waits for it with its own cancellation token, so
/// one caller giving up does not fail the others. A token request has a time limit of its own,
/// <see cref="OAuth2ClientCredentialsOptions.TokenRequestTimeout"/>, covering the response headers and
/// the whole body; a token request that every waiting caller has given up on is cancelled, so a
/// stalled token endpoint never holds later callers, and the first call after it recovers gets a token at once.
/// </para>
/// <para>
/// Transient failures (408, 429, 5xx, connection failures, a token request that timed out) are retried
/// with <see cref="OAuth2ClientCredentialsOptions.Resilience"/>'s settings, honouring <c>Retry-After</c>.
/// A token endpoint that refuses the client (OAuth error <c>invalid_client</c>, <c>invalid_grant</c>,
/// <c>unauthorized_client</c>, or status 400 or 401) surfaces as <see cref="UnauthorizedException"/>
/// carrying the OAuth error code and description; any other failure as <see cref="TokenEndpointException"/>.
/// Neither is retried again by the connector, and neither carries the secret. No request goes to the
/// API without a token.
/// </para>
/// <para>When the API answers 401 the client drops the cached token and retries once with a fresh one.</para>
/// <para>
/// Each token fetch is an activity named <c>POST token</c> on <see cref="ConnectorDiagnostics.ActivitySourceName"/>,
/// each token request counts in <c>customconnector.client.token.requests</c> with its outcome, and fetches,
/// retries, failures and invalidations are logged (event ids 100 to 199) through
/// <see cref="OAuth2ClientCredentialsOptions.LoggerFactory"/>. None of them holds the token or the secret.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class OAuth2ClientCredentialsProvider : IRefreshableAuthenticationProvider, IDisposable
{
    /// <inheritdoc/>
    IReadOnlyList<string> IAuthenticationHeaderProvider.CredentialHeaderNames => CredentialRules.AuthorizationHeader;

    private readonly bool _ownsTokenClient;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _redactedTokenEndpoint;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly HttpClient _tokenClient;
    private readonly OAuth2TokenRequester _requester;
    private readonly TokenTelemetry _telemetry;
    private readonly SharedTokenFetch? _shared;
    private readonly object _lock = new();
    private CachedToken? _token;
    private PendingFetch? _pending;

    /// <summary>Initializes a new instance of the <see cref="OAuth2ClientCredentialsProvider"/> class with its own HTTP client for the token endpoint.</summary>
    /// <param name="options">The grant's settings; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid, or the token endpoint is plain http to a host that is not loopback and <see cref="OAuth2ClientCredentialsOptions.AllowInsecureHttp"/> is off.</exception>
    public OAuth2ClientCredentialsProvider(OAuth2ClientCredentialsOptions options)
        : this(options, new HttpClient(PrimaryHandler.Create(), disposeHandler: true), ownsClient: true, TimeProvider.System)
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

        var tokenRequestTimeout = options.TokenRequestTimeout ?? ConnectorDefaults.Timeout;
        if (tokenRequestTimeout <= TimeSpan.Zero || tokenRequestTimeout > ConnectorDefaults.MaxTimeout)
        {
            throw new ArgumentException($"OAuth2ClientCredentialsOptions.TokenRequestTimeout is {tokenRequestTimeout}; it must be positive and at most {ConnectorDefaults.MaxTimeout} (about 49 days). A token request always has a time limit.", nameof(options));
        }

        var errors = new List<string>();
        ConnectorResilienceValidator.Validate(options.Resilience, "OAuth2ClientCredentialsOptions.Resilience", errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }

        TokenEndpoint = tokenEndpoint;
        _redactedTokenEndpoint = RedactionPolicy.Default.Redact(tokenEndpoint);
        ClientId = options.ClientId;
        _refreshBeforeExpiry = options.RefreshBeforeExpiry;
        _tokenClient = tokenClient;
        _ownsTokenClient = ownsClient;
        _timeProvider = timeProvider;
        _telemetry = new TokenTelemetry(options.LoggerFactory, options.MeterFactory, _redactedTokenEndpoint, options.ConnectorName);
        _requester = new OAuth2TokenRequester(options, tokenEndpoint, _redactedTokenEndpoint, tokenClient, timeProvider, tokenRequestTimeout, _telemetry);
        if (options.TokenCache is { } tokenCache)
        {
            var key = OAuth2TokenCacheKey.Create(tokenEndpoint, options.ClientId, options.ClientSecret, options.Scope, options.TokenParameters);
            _shared = new SharedTokenFetch(tokenCache, key, timeProvider);
        }
    }

    /// <summary>Gets the token endpoint.</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>Gets the client identifier.</summary>
    public string ClientId { get; }

    /// <inheritdoc/>
    /// <exception cref="UnauthorizedException">The token endpoint refused the client: OAuth error <c>invalid_client</c>, <c>invalid_grant</c> or <c>unauthorized_client</c>, or status 400 or 401.</exception>
    /// <exception cref="TokenEndpointException">The token endpoint failed otherwise: a 5xx, or a 408 or 429, after the retries; another status that is not a refusal; unreachable; no complete answer within <see cref="OAuth2ClientCredentialsOptions.TokenRequestTimeout"/>; or a 2xx without a usable <c>access_token</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the token was being fetched.</exception>
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
        var dropped = false;
        lock (_lock)
        {
            // Drop the token only if it is the one that was rejected; a newer one may already be here.
            if (_token is not null && ReferenceEquals(_token.Header, sent))
            {
                _token = null;
                dropped = true;
            }
        }

        if (dropped)
        {
            _telemetry.Invalidated();
        }

        if (_shared is not null && sent is { Scheme: "Bearer", Parameter: { Length: > 0 } rejected })
        {
            // Compare and delete in the shared cache: of many instances refused the same token, one removes it.
            return InvalidateSharedAsync(_shared, rejected, cancellationToken);
        }

        return ValueTask.FromResult(true);
    }

    private static async ValueTask<bool> InvalidateSharedAsync(SharedTokenFetch shared, string rejected, CancellationToken cancellationToken)
    {
        await shared.InvalidateAsync(rejected, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Replaces the token request timeout and retry settings (dependency injection after a configuration
    /// reload that kept the credentials): the cached token stays, and the next fetch uses the new settings.
    /// </summary>
    internal void Reconfigure(TimeSpan tokenRequestTimeout, ConnectorResilienceOptions retry) => _requester.Reconfigure(tokenRequestTimeout, retry);

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
    public override string ToString() => $"OAuth2 client credentials (token endpoint {_redactedTokenEndpoint}, client '{ClientId}', secret hidden)";

    private async ValueTask<CachedToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var token = Volatile.Read(ref _token);
        if (token is not null && now < token.RefreshAt)
        {
            return token;
        }

        PendingFetch fetch;
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
                var started = new PendingFetch();
                _pending = started;
                started.Task = Task.Run(() => FetchAndStoreAsync(started), CancellationToken.None);

                // Every waiter may have given up: observe a failure so it is not reported as unobserved.
                started.Task.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            fetch = _pending;
            fetch.Waiters++;
        }

        try
        {
            return await fetch.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Leave(fetch);
        }
    }

    /// <summary>
    /// A caller stops waiting for <paramref name="fetch"/>. When it was the last one and the fetch is
    /// still running, nobody wants its answer: it is cancelled and forgotten, so that a stalled token
    /// endpoint never holds the callers that come later.
    /// </summary>
    private void Leave(PendingFetch fetch)
    {
        bool abandoned;
        lock (_lock)
        {
            abandoned = --fetch.Waiters == 0 && !fetch.Task.IsCompleted;
            if (abandoned && ReferenceEquals(_pending, fetch))
            {
                _pending = null;
            }
        }

        if (abandoned)
        {
            // Outside the lock: cancellation runs the fetch's callbacks inline.
            fetch.Cancellation.Cancel();
        }
    }

    private async Task<CachedToken> FetchAndStoreAsync(PendingFetch fetch)
    {
        CachedToken? token = null;
        try
        {
            token = await FetchTokenAsync(fetch.Cancellation.Token).ConfigureAwait(false);
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

                // An abandoned fetch was already replaced (or cleared) by Leave: never clear its successor.
                if (ReferenceEquals(_pending, fetch))
                {
                    _pending = null;
                }
            }
        }
    }

    /// <summary>A token from the token endpoint, or through the shared cache when there is one.</summary>
    private async ValueTask<CachedToken> FetchTokenAsync(CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            var response = await _requester.FetchAsync(cancellationToken).ConfigureAwait(false);
            return CreateToken(response);
        }

        var shared = await _shared.GetAsync(
            async token =>
            {
                var created = CreateToken(await _requester.FetchAsync(token).ConfigureAwait(false));
                return new OAuth2CachedToken(created.Header.Parameter!, created.RefreshAt);
            },
            cancellationToken).ConfigureAwait(false);
        return new CachedToken(new AuthenticationHeaderValue("Bearer", shared.AccessToken), shared.RefreshAt);
    }

    private CachedToken CreateToken(OAuth2TokenResponse response)
    {
        var now = _timeProvider.GetUtcNow();
        // No lifetime given, or one that ends past the calendar (which would overflow TimeSpan or
        // DateTimeOffset): keep the token until the API rejects it with 401.
        var refreshAt = response.ExpiresIn is { } seconds and > 0 && seconds < (DateTimeOffset.MaxValue - now).TotalSeconds
            ? now + RefreshMargin(TimeSpan.FromSeconds(seconds))
            : DateTimeOffset.MaxValue;
        return new CachedToken(new AuthenticationHeaderValue("Bearer", response.AccessToken), refreshAt);
    }

    private TimeSpan RefreshMargin(TimeSpan lifetime) =>
        // A lifetime shorter than twice the margin would leave a token barely usable: use half of it.
        lifetime > _refreshBeforeExpiry * 2 ? lifetime - _refreshBeforeExpiry : lifetime / 2;

    /// <summary>The token request all concurrent callers share, and how many of them still wait for it.</summary>
    private sealed class PendingFetch
    {
        /// <summary>Gets the source that cancels the fetch when every waiter has given up. Never disposed: it has no timer, and a late <see cref="Leave"/> may still cancel it.</summary>
        public CancellationTokenSource Cancellation { get; } = new();

        public Task<CachedToken> Task { get; set; } = null!;

        /// <summary>Gets or sets how many callers wait for the fetch; changed under the provider's lock.</summary>
        public int Waiters { get; set; }
    }

    private sealed record CachedToken(AuthenticationHeaderValue Header, DateTimeOffset RefreshAt)
    {
        // Records print their members; this one holds the access token.
        public override string ToString() => $"Cached token (hidden), refreshed at {RefreshAt:u}";
    }
}
