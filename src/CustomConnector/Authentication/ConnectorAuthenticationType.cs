namespace CustomConnector;

/// <summary>The kinds of authentication a connector can be configured with.</summary>
public enum ConnectorAuthenticationType
{
    /// <summary>No authentication.</summary>
    None,

    /// <summary>HTTP Basic: <c>Username</c> and <c>Password</c>.</summary>
    Basic,

    /// <summary>A fixed bearer token: <c>Token</c>.</summary>
    Bearer,

    /// <summary>An API key: <c>ApiKeyName</c>, <c>ApiKeyValue</c> and <c>ApiKeyLocation</c>.</summary>
    ApiKey,

    /// <summary>OAuth 2.0 client credentials: <c>TokenEndpoint</c>, <c>ClientId</c>, <c>ClientSecret</c>, optional <c>Scope</c>, <c>TokenParameters</c> and <c>CredentialsInBody</c>.</summary>
    OAuth2ClientCredentials,
}
