namespace CustomConnector;

/// <summary>Settings of the OAuth 2.0 client credentials grant (RFC 6749 section 4.4).</summary>
public sealed class OAuth2ClientCredentialsOptions
{
    /// <summary>Gets or sets the token endpoint, such as <c>https://auth.example.com/oauth/token</c>.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the client identifier.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret. It is sent only to <see cref="TokenEndpoint"/> and never appears in logs, messages or <c>ToString()</c>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the space-separated scopes to request, if any.</summary>
    public string? Scope { get; set; }

    /// <summary>Gets extra form parameters for the token request, such as <c>audience</c> or <c>resource</c>.</summary>
    public IDictionary<string, string> TokenParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets a value indicating whether the client credentials go in the form body
    /// (<c>client_id</c>/<c>client_secret</c>) instead of an HTTP Basic header.
    /// </summary>
    /// <value>The default is <see langword="false"/>: a Basic header, which RFC 6749 section 2.3.1 says servers must support.</value>
    public bool CredentialsInBody { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether <see cref="TokenEndpoint"/> may be plain <c>http://</c> to a
    /// host that is not loopback, which sends the client secret in clear text. Leave it off outside of
    /// closed test networks. A connector registered with <c>AddCustomConnector</c> uses its own
    /// <see cref="ConnectorClientOptions.AllowInsecureHttp"/> instead.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: the provider refuses such an endpoint when it is created.
    /// Loopback means an IP loopback address (127.0.0.0/8, <c>::1</c>) or the name <c>localhost</c>.
    /// </value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets how long before its expiry a cached token is replaced.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan RefreshBeforeExpiry { get; set; } = Internal.ConnectorDefaults.TokenRefreshBeforeExpiry;

    /// <summary>
    /// Gets or sets how long one token request may take, from sending it to reading the last byte of
    /// the response body. A request that runs out of time is retried like any transient failure.
    /// </summary>
    /// <remarks>
    /// <see cref="HttpClient.Timeout"/> stops at the response headers; this limit also covers a body that
    /// stops half way. Whatever the limit, a token request that every waiting call has given up on is cancelled.
    /// </remarks>
    /// <value>
    /// The default is <see langword="null"/>: 100 seconds (the library's default <see cref="ConnectorClientOptions.Timeout"/>)
    /// for a provider built in code, and the connector's <c>Timeout</c> for one that dependency injection builds.
    /// Otherwise it must be positive and at most about 49 days.
    /// </value>
    public TimeSpan? TokenRequestTimeout { get; set; }

    /// <summary>
    /// Gets the retry settings for transient token endpoint failures (408, 429, 5xx, connection failures,
    /// a token request that timed out): <see cref="ConnectorResilienceOptions.Enabled"/>,
    /// <see cref="ConnectorResilienceOptions.MaxRetries"/>, <see cref="ConnectorResilienceOptions.BaseDelay"/>,
    /// <see cref="ConnectorResilienceOptions.MaxDelay"/> and <see cref="ConnectorResilienceOptions.MaxRetryAfter"/>.
    /// </summary>
    /// <remarks>
    /// A client credentials request is safe to repeat. Delays are exponential with jitter, or the endpoint's
    /// <c>Retry-After</c> (seconds or an HTTP date); one longer than <see cref="ConnectorResilienceOptions.MaxRetryAfter"/>
    /// ends the retries. <see cref="TokenRequestTimeout"/> bounds each request, so
    /// <see cref="ConnectorResilienceOptions.AttemptTimeout"/>, the circuit breaker and the rate limit do not apply.
    /// A provider that dependency injection builds uses the connector's <c>Resilience</c> settings instead.
    /// </remarks>
    /// <value>The library's defaults: 3 retries, 500 ms base delay, 30 seconds at most between attempts, 30 seconds longest <c>Retry-After</c>.</value>
    public ConnectorResilienceOptions Resilience { get; } = new();

    /// <summary>
    /// Gets or sets the factory for the provider's logger (category <c>CustomConnector.OAuth2ClientCredentialsProvider</c>):
    /// token fetched (Debug), token request retried (Warning), token fetch failed (Error), token dropped after a 401
    /// (Information). The token, the client secret and response bodies are never logged; the token endpoint is redacted.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: no logging. A provider that dependency injection builds from a
    /// connector's settings uses the connector's <see cref="ConnectorClientOptions.LoggerFactory"/> (by default the container's).
    /// </value>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets the factory of the <see cref="System.Diagnostics.Metrics.Meter"/> (named <see cref="ConnectorDiagnostics.MeterName"/>)
    /// that counts token requests in <c>customconnector.client.token.requests</c>.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: the library's own meter of that name. A provider that dependency
    /// injection builds from a connector's settings uses the container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>, if it has one.
    /// </value>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>Gets or sets the name of the connector whose settings built the provider (dependency injection), for the <c>customconnector.connector</c> tag.</summary>
    internal string? ConnectorName { get; set; }

    /// <summary>
    /// Gets or sets where tokens are shared beyond the provider's own memory, such as a Redis cache that
    /// several host instances use (the <c>CustomConnector.Redis</c> package's <c>AddRedisTokenCache</c>),
    /// so that they make one token request per expiry window instead of one each.
    /// </summary>
    /// <remarks>
    /// The provider keys the cache by a hash of the token endpoint, client id, scope, every
    /// <see cref="TokenParameters"/> entry and the secret (never the secret itself). A cache that fails
    /// never fails a call: the provider then fetches its own token. Not set from configuration; not disposed by the provider.
    /// </remarks>
    /// <value>The default is <see langword="null"/>: each provider keeps its token in its own memory.</value>
    public IOAuth2TokenCache? TokenCache { get; set; }

    /// <summary>Describes the settings with the secret hidden and the token endpoint redacted (no user info, fragment or credential-like query values).</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"TokenEndpoint = {(TokenEndpoint is null ? null : Internal.RedactionPolicy.Default.Redact(TokenEndpoint))}, ClientId = {ClientId}, ClientSecret = (hidden), Scope = {Scope}";
}
