using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomConnector.Internal;

/// <summary>
/// The live state of one registered connector: settings and authentication built from the current
/// options, rebuilt when configuration changes. Authentication is kept across a rebuild when its
/// settings did not change, so a cached OAuth token survives unrelated edits and is dropped with
/// the credentials that obtained it.
/// </summary>
internal sealed class ConnectorRuntime(ConnectorRegistration registration, IServiceProvider services)
{
    private readonly IOptionsMonitor<ConnectorOptions> _monitor = services.GetRequiredService<IOptionsMonitor<ConnectorOptions>>();
    private readonly IHttpClientFactory _httpClientFactory = services.GetRequiredService<IHttpClientFactory>();
    private readonly TimeProvider _timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
    private readonly ILoggerFactory? _loggerFactory = services.GetService<ILoggerFactory>();
    private readonly object _lock = new();
    private State? _state;

    public string Name => registration.Name;

    public HttpClient CreateHttpClient() => _httpClientFactory.CreateClient(registration.Name);

    public ConnectorSettings GetSettings()
    {
        // IOptionsMonitor hands out the same instance until the configuration changes.
        var options = _monitor.Get(registration.Name);
        var state = Volatile.Read(ref _state);
        if (state is not null && ReferenceEquals(state.Options, options))
        {
            return state.Settings;
        }

        lock (_lock)
        {
            state = _state;
            if (state is not null && ReferenceEquals(state.Options, options))
            {
                return state.Settings;
            }

            var authenticationKey = AuthenticationKey.From(options.Authentication);
            var provider = state is not null && state.AuthenticationKey == authenticationKey
                ? state.Provider
                : CreateProvider(options);
            if (ReferenceEquals(provider, state?.Provider) && registration.AuthenticationProviderFactory is null && provider is OAuth2ClientCredentialsProvider oauth)
            {
                // Same credentials, so the cached token stays; the timeout and retries follow the connector's current settings.
                oauth.Reconfigure(TokenRequestTimeout(options), TokenRetrySettings(options));
            }
            var settings = new ConnectorSettings(ToClientOptions(options, provider), nameof(options));
            if (state is not null && Equals(state.Options.Resilience.Fingerprint(), options.Resilience.Fingerprint()))
            {
                // Keep the circuit's state and the rate limiter's permits across reloads that did not touch them.
                settings.AdoptResilience(state.Settings.Resilience);
            }

            // Old settings are not disposed: calls still queued for the old rate limit drain through it
            // (its timer runs only while callers wait), and an idle limiter holds nothing to release.

            Volatile.Write(ref _state, new State(options, authenticationKey, provider, settings));
            return settings;
        }
    }

    private ConnectorClientOptions ToClientOptions(ConnectorOptions options, IAuthenticationHeaderProvider? provider)
    {
        var clientOptions = new ConnectorClientOptions
        {
            BaseAddress = options.BaseAddress,
            Authentication = provider,
            Timeout = options.Timeout,
            MaxResponseContentBytes = options.MaxResponseContentBytes,
            FollowRedirects = options.FollowRedirects,
            AllowInsecureHttp = options.AllowInsecureHttp,
            MaxRedirects = options.MaxRedirects,
            TimeProvider = _timeProvider,
            LoggerFactory = _loggerFactory,
        };
        clientOptions.Resilience.CopyFrom(options.Resilience);
        clientOptions.SerializerOptions = options.SerializerOptions;
        clientOptions.ExceptionMap.CopyFrom(options.ExceptionMap);
        foreach (var name in options.SensitiveQueryParameters)
        {
            clientOptions.SensitiveQueryParameters.Add(name);
        }

        clientOptions.Envelope.DataProperty = options.Envelope.DataProperty;
        clientOptions.Envelope.ErrorProperty = options.Envelope.ErrorProperty;
        foreach (var (name, value) in options.DefaultHeaders)
        {
            clientOptions.DefaultHeaders[name] = value;
        }

        foreach (var origin in options.TrustedOrigins)
        {
            clientOptions.TrustedOrigins.Add(origin);
        }

        foreach (var (name, endpoint) in options.Endpoints)
        {
            clientOptions.Endpoints[name] = endpoint;
        }

        return clientOptions;
    }

    private IAuthenticationHeaderProvider? CreateProvider(ConnectorOptions options)
    {
        var authentication = options.Authentication;
        if (registration.AuthenticationProviderFactory is { } factory)
        {
            return factory(services);
        }

        return authentication.Type switch
        {
            ConnectorAuthenticationType.Basic => new BasicAuthenticationProvider(authentication.Username!, authentication.Password!),
            ConnectorAuthenticationType.Bearer => new BearerTokenProvider(authentication.Token!),
            ConnectorAuthenticationType.ApiKey => new ApiKeyProvider(authentication.ApiKeyName!, authentication.ApiKeyValue!, authentication.ApiKeyLocation),
            ConnectorAuthenticationType.OAuth2ClientCredentials => CreateOAuth2Provider(options),
            _ => null,
        };
    }

    private OAuth2ClientCredentialsProvider CreateOAuth2Provider(ConnectorOptions connector)
    {
        var authentication = connector.Authentication;
        var options = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = authentication.TokenEndpoint,
            ClientId = authentication.ClientId,
            ClientSecret = authentication.ClientSecret,
            Scope = authentication.Scope,
            CredentialsInBody = authentication.CredentialsInBody,
            AllowInsecureHttp = connector.AllowInsecureHttp,
            TokenRequestTimeout = TokenRequestTimeout(connector),
        };
        foreach (var (name, value) in authentication.TokenParameters)
        {
            options.TokenParameters[name] = value;
        }

        // The connector's retry settings: a client credentials request is safe to repeat.
        var retry = TokenRetrySettings(connector);
        options.Resilience.Enabled = retry.Enabled;
        options.Resilience.MaxRetries = retry.MaxRetries;
        options.Resilience.BaseDelay = retry.BaseDelay;
        options.Resilience.MaxDelay = retry.MaxDelay;
        options.Resilience.MaxRetryAfter = retry.MaxRetryAfter;

        // Its own named client: token requests never pass through the connector's pipeline.
        return new OAuth2ClientCredentialsProvider(options, _httpClientFactory.CreateClient(registration.TokenClientName), _timeProvider);
    }

    /// <summary>The configured token request timeout, else the connector's <c>Timeout</c> (the library's default when that is infinite): a token request never outlasts the calls waiting for it by default.</summary>
    private static TimeSpan TokenRequestTimeout(ConnectorOptions connector) =>
        connector.Authentication.TokenRequestTimeout
        ?? (connector.Timeout == Timeout.InfiniteTimeSpan ? ConnectorDefaults.Timeout : connector.Timeout);

    /// <summary>The connector's retry settings (its circuit breaker and rate limit protect the API, not the token endpoint).</summary>
    private static ConnectorResilienceOptions TokenRetrySettings(ConnectorOptions connector) => connector.Resilience.CloneRetrySettings();

    private sealed record State(ConnectorOptions Options, AuthenticationKey AuthenticationKey, IAuthenticationHeaderProvider? Provider, ConnectorSettings Settings);

    /// <summary>Every authentication setting, compared by value to tell whether credentials changed.</summary>
    private sealed record AuthenticationKey(
        ConnectorAuthenticationType Type,
        string? Username,
        string? Password,
        string? Token,
        string? ApiKeyName,
        string? ApiKeyValue,
        ApiKeyLocation ApiKeyLocation,
        Uri? TokenEndpoint,
        string? ClientId,
        string? ClientSecret,
        string? Scope,
        string TokenParameters,
        bool CredentialsInBody)
    {
        public static AuthenticationKey From(ConnectorAuthenticationOptions o) => new(
            o.Type, o.Username, o.Password, o.Token, o.ApiKeyName, o.ApiKeyValue, o.ApiKeyLocation, o.TokenEndpoint,
            o.ClientId, o.ClientSecret, o.Scope, string.Join('\n', o.TokenParameters.Select(p => $"{p.Key}={p.Value}")), o.CredentialsInBody);

        // Records print their members; this one holds secrets.
        public override string ToString() => nameof(AuthenticationKey);
    }
}
