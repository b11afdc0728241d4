namespace CustomConnector;

/// <summary>A connector's authentication as configuration describes it: a <see cref="Type"/> and the fields that type needs.</summary>
/// <remarks>Secrets can come from any configuration source (user secrets, environment variables, a key vault); <see cref="ToString"/> never shows them.</remarks>
public sealed class ConnectorAuthenticationOptions
{
    /// <summary>Gets or sets the kind of authentication.</summary>
    /// <value>The default is <see cref="ConnectorAuthenticationType.None"/>.</value>
    public ConnectorAuthenticationType Type { get; set; }

    /// <summary>Gets or sets the Basic user-id.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the Basic password (a secret).</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the bearer token (a secret): the bare token, without the <c>Bearer </c> prefix, in printable ASCII.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets the API key's header or query parameter name.</summary>
    public string? ApiKeyName { get; set; }

    /// <summary>Gets or sets the API key (a secret).</summary>
    public string? ApiKeyValue { get; set; }

    /// <summary>Gets or sets where the API key travels.</summary>
    /// <value>The default is <see cref="ApiKeyLocation.Header"/>.</value>
    public ApiKeyLocation ApiKeyLocation { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 token endpoint.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 client identifier.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 client secret (a secret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 scopes, space-separated.</summary>
    public string? Scope { get; set; }

    /// <summary>Gets extra form parameters for the OAuth 2.0 token request.</summary>
    public IDictionary<string, string> TokenParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether OAuth 2.0 client credentials go in the form body instead of a Basic header.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool CredentialsInBody { get; set; }

    /// <summary>Gets or sets how long one OAuth 2.0 token request may take, response body included (see <see cref="OAuth2ClientCredentialsOptions.TokenRequestTimeout"/>).</summary>
    /// <value>The default is <see langword="null"/>: the connector's <c>Timeout</c> (100 seconds when that is <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>).</value>
    public TimeSpan? TokenRequestTimeout { get; set; }

    /// <summary>Describes the settings with every secret hidden.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => Type switch
    {
        ConnectorAuthenticationType.Basic => $"Basic (user '{Username}', password {Hidden(Password)})",
        ConnectorAuthenticationType.Bearer => $"Bearer (token {Hidden(Token)})",
        ConnectorAuthenticationType.ApiKey => $"ApiKey ({ApiKeyLocation} '{ApiKeyName}', value {Hidden(ApiKeyValue)})",
        ConnectorAuthenticationType.OAuth2ClientCredentials => $"OAuth2ClientCredentials (token endpoint {(TokenEndpoint is null ? null : Internal.RedactionPolicy.Default.Redact(TokenEndpoint))}, client '{ClientId}', secret {Hidden(ClientSecret)})",
        _ => Type.ToString(),
    };

    private static string Hidden(string? secret) => string.IsNullOrEmpty(secret) ? "not set" : "hidden";
}
