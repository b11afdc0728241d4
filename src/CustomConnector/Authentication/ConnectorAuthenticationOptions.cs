namespace CustomConnector;

/// <summary>
/// Authentication described by settings: a <see cref="Type"/> and the fields that type needs. It is what the
/// <c>Authentication</c> section of a connector's configuration binds to, and what the <c>AddBearerToken</c>,
/// <c>AddApiKey</c>, <c>AddBasicAuthentication</c> and <c>AddOAuth2ClientCredentials</c> builder methods set.
/// </summary>
/// <remarks>
/// The OAuth 2.0 fields are an <see cref="OAuth2ClientCredentialsOptions"/>; in configuration they sit directly
/// under <c>Authentication</c> (<c>Authentication:TokenEndpoint</c>, <c>Authentication:ClientId</c>, ...).
/// Secrets can come from any configuration source (user secrets, environment variables, a key vault);
/// <see cref="ToString"/> never shows them.
/// </remarks>
public sealed class ConnectorAuthenticationOptions
{
    /// <summary>Gets or sets the kind of authentication.</summary>
    /// <value>The default is <see cref="ConnectorAuthenticationType.None"/>.</value>
    public ConnectorAuthenticationType Type { get; set; }

    /// <summary>Gets or sets the Basic user-id (<see cref="ConnectorAuthenticationType.Basic"/>).</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the Basic password (a secret).</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the bearer token (a secret): the bare token, without the <c>Bearer </c> prefix, in printable ASCII.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets the API key's header or query parameter name (<see cref="ConnectorAuthenticationType.ApiKey"/>).</summary>
    public string? ApiKeyName { get; set; }

    /// <summary>Gets or sets the API key (a secret).</summary>
    public string? ApiKeyValue { get; set; }

    /// <summary>Gets or sets where the API key travels.</summary>
    /// <value>The default is <see cref="ApiKeyLocation.Header"/>.</value>
    public ApiKeyLocation ApiKeyLocation { get; set; }

    /// <summary>
    /// Gets the OAuth 2.0 client credentials settings (<see cref="ConnectorAuthenticationType.OAuth2ClientCredentials"/>):
    /// token endpoint, client id and secret, scope, token parameters, <c>CredentialsInBody</c>, <c>TokenRequestTimeout</c>
    /// and <c>RefreshBeforeExpiry</c>.
    /// </summary>
    /// <remarks>
    /// A connector's own <see cref="ConnectorClientOptions.AllowInsecureHttp"/> and retry settings
    /// (<see cref="ConnectorClientOptions.Resilience"/>) apply to its token requests; those of this object are not used.
    /// </remarks>
    public OAuth2ClientCredentialsOptions OAuth2 { get; private set; } = new();

    /// <summary>Describes the settings with every secret hidden.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => Type switch
    {
        ConnectorAuthenticationType.Basic => $"Basic (user '{Username}', password {Hidden(Password)})",
        ConnectorAuthenticationType.Bearer => $"Bearer (token {Hidden(Token)})",
        ConnectorAuthenticationType.ApiKey => $"ApiKey ({ApiKeyLocation} '{ApiKeyName}', value {Hidden(ApiKeyValue)})",
        ConnectorAuthenticationType.OAuth2ClientCredentials => $"OAuth2ClientCredentials ({OAuth2})",
        _ => Type.ToString(),
    };

    /// <summary>Replaces the OAuth 2.0 settings as a whole, so that nothing configured before survives a replacement in code.</summary>
    internal void ReplaceOAuth2(OAuth2ClientCredentialsOptions options) => OAuth2 = options;

    private static string Hidden(string? secret) => string.IsNullOrEmpty(secret) ? "not set" : "hidden";
}
