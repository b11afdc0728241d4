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
    /// <see cref="ConnectorOptions.AllowInsecureHttp"/> instead.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: the provider refuses such an endpoint when it is created.
    /// Loopback means an IP loopback address (127.0.0.0/8, <c>::1</c>) or the name <c>localhost</c>.
    /// </value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets how long before its expiry a cached token is replaced.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan RefreshBeforeExpiry { get; set; } = Internal.ConnectorDefaults.TokenRefreshBeforeExpiry;

    /// <summary>Describes the settings with the secret hidden and the token endpoint redacted (no user info, fragment or credential-like query values).</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"TokenEndpoint = {(TokenEndpoint is null ? null : Internal.RedactionPolicy.Default.Redact(TokenEndpoint))}, ClientId = {ClientId}, ClientSecret = (hidden), Scope = {Scope}";
}
