using Microsoft.Extensions.DependencyInjection;
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
    private readonly IOptionsMonitor<ConnectorClientOptions> _monitor = services.GetRequiredService<IOptionsMonitor<ConnectorClientOptions>>();
    private readonly IHttpClientFactory _httpClientFactory = services.GetRequiredService<IHttpClientFactory>();
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

            var authenticationKey = AuthenticationKey.From(options.AuthenticationSettings);
            var provider = state is not null && state.AuthenticationKey == authenticationKey && ReferenceEquals(state.Options.Authentication, options.Authentication)
                ? state.Provider
                : CreateProvider(options);
            if (ReferenceEquals(provider, state?.Provider) && registration.AuthenticationProviderFactory is null && provider is OAuth2ClientCredentialsProvider oauth)
            {
                // Same credentials, so the cached token stays; the timeout and retries follow the connector's current settings.
                oauth.Reconfigure(ConnectorAuthenticationFactory.TokenRequestTimeout(options), ConnectorAuthenticationFactory.TokenRetrySettings(options));
            }

            var settings = new ConnectorSettings(options, nameof(options), registration.ValidationContext, provider);
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

    private IAuthenticationHeaderProvider? CreateProvider(ConnectorClientOptions options)
    {
        if (registration.AuthenticationProviderFactory is { } factory)
        {
            return factory(services);
        }

        // A provider set in code wins; otherwise the settings' own. Tokens come through a named client of
        // their own: token requests never pass through the connector's pipeline.
        return options.Authentication ?? ConnectorAuthenticationFactory.Create(
            options,
            options.AuthenticationSettings.Type == ConnectorAuthenticationType.OAuth2ClientCredentials ? _httpClientFactory.CreateClient(registration.TokenClientName) : null,
            options.TimeProvider,
            services.GetService<System.Diagnostics.Metrics.IMeterFactory>(),
            registration.Name);
    }

    private sealed record State(ConnectorClientOptions Options, AuthenticationKey AuthenticationKey, IAuthenticationHeaderProvider? Provider, ConnectorSettings Settings);

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
        bool CredentialsInBody,
        TimeSpan RefreshBeforeExpiry)
    {
        public static AuthenticationKey From(ConnectorAuthenticationOptions o) => new(
            o.Type, o.Username, o.Password, o.Token, o.ApiKeyName, o.ApiKeyValue, o.ApiKeyLocation, o.OAuth2.TokenEndpoint,
            o.OAuth2.ClientId, o.OAuth2.ClientSecret, o.OAuth2.Scope, string.Join('\n', o.OAuth2.TokenParameters.Select(p => $"{p.Key}={p.Value}")),
            o.OAuth2.CredentialsInBody, o.OAuth2.RefreshBeforeExpiry);

        // Records print their members; this one holds secrets.
        public override string ToString() => nameof(AuthenticationKey);
    }
}
