namespace CustomConnector.Internal;

/// <summary>Builds the provider that <see cref="ConnectorClientOptions.AuthenticationSettings"/> describe (already validated).</summary>
internal static class ConnectorAuthenticationFactory
{
    /// <summary>The provider for the settings, or <see langword="null"/> when they name none.</summary>
    /// <param name="connector">The connector's options; their settings must have passed validation.</param>
    /// <param name="tokenClient">The client for an OAuth 2.0 token endpoint (required for that type); not owned by the provider.</param>
    /// <param name="timeProvider">The clock for token expiry.</param>
    /// <param name="meterFactory">The container's meter factory, for the token request counter; <see langword="null"/> for the library's own meter.</param>
    /// <param name="connectorName">The registered connector's name, which the token telemetry is tagged with.</param>
    public static IAuthenticationHeaderProvider? Create(ConnectorClientOptions connector, HttpClient? tokenClient, TimeProvider timeProvider, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null, string? connectorName = null)
    {
        var authentication = connector.AuthenticationSettings;
        return authentication.Type switch
        {
            ConnectorAuthenticationType.Basic => new BasicAuthenticationProvider(authentication.Username!, authentication.Password!),
            ConnectorAuthenticationType.Bearer => new BearerTokenProvider(authentication.Token!),
            ConnectorAuthenticationType.ApiKey => new ApiKeyProvider(authentication.ApiKeyName!, authentication.ApiKeyValue!, authentication.ApiKeyLocation),
            ConnectorAuthenticationType.OAuth2ClientCredentials => new OAuth2ClientCredentialsProvider(OAuth2Options(connector, meterFactory, connectorName), tokenClient!, timeProvider),
            _ => null,
        };
    }

    /// <summary>
    /// The settings' OAuth 2.0 options as the connector applies them: its <c>AllowInsecureHttp</c>, its retry
    /// settings (a client credentials request is safe to repeat; the circuit breaker and rate limit protect the
    /// API, not the token endpoint), its <c>Timeout</c> when no token request timeout is set, and its logger
    /// factory (and the container's meter factory) when the OAuth 2.0 settings name none.
    /// </summary>
    public static OAuth2ClientCredentialsOptions OAuth2Options(ConnectorClientOptions connector, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null, string? connectorName = null)
    {
        var source = connector.AuthenticationSettings.OAuth2;
        var options = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = source.TokenEndpoint,
            ClientId = source.ClientId,
            ClientSecret = source.ClientSecret,
            Scope = source.Scope,
            CredentialsInBody = source.CredentialsInBody,
            RefreshBeforeExpiry = source.RefreshBeforeExpiry,
            AllowInsecureHttp = connector.AllowInsecureHttp,
            TokenRequestTimeout = TokenRequestTimeout(connector),
            LoggerFactory = source.LoggerFactory ?? connector.LoggerFactory,
            MeterFactory = source.MeterFactory ?? meterFactory,
            ConnectorName = connectorName,
            TokenCache = source.TokenCache,
        };
        foreach (var (name, value) in source.TokenParameters)
        {
            options.TokenParameters[name] = value;
        }

        options.Resilience.CopyFrom(TokenRetrySettings(connector));
        return options;
    }

    /// <summary>The configured token request timeout, else the connector's <c>Timeout</c> (the library's default when that is infinite): a token request never outlasts the calls waiting for it by default.</summary>
    public static TimeSpan TokenRequestTimeout(ConnectorClientOptions connector) =>
        connector.AuthenticationSettings.OAuth2.TokenRequestTimeout
        ?? (connector.Timeout == Timeout.InfiniteTimeSpan ? ConnectorDefaults.Timeout : connector.Timeout);

    /// <summary>The connector's retry settings (its circuit breaker and rate limit protect the API, not the token endpoint).</summary>
    public static ConnectorResilienceOptions TokenRetrySettings(ConnectorClientOptions connector) => connector.Resilience.CloneRetrySettings();
}
