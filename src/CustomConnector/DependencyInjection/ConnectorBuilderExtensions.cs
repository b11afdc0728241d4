using System.Diagnostics.CodeAnalysis;
using CustomConnector;
using CustomConnector.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Authentication and HTTP settings for a connector registered with <c>AddCustomConnector</c>.</summary>
public static class ConnectorBuilderExtensions
{
    /// <summary>Authenticates with HTTP Basic, replacing any authentication from configuration.</summary>
    /// <param name="builder">The connector.</param>
    /// <param name="username">The user-id; no colon.</param>
    /// <param name="password">The password.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The username is empty.</exception>
    public static IConnectorBuilder AddBasicAuthentication(this IConnectorBuilder builder, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        return ConfigureAuthentication(builder, a =>
        {
            a.Type = ConnectorAuthenticationType.Basic;
            a.Username = username;
            a.Password = password;
        });
    }

    /// <summary>Authenticates with a fixed bearer token, replacing any authentication from configuration.</summary>
    /// <param name="builder">The connector.</param>
    /// <param name="token">The token.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    public static IConnectorBuilder AddBearerToken(this IConnectorBuilder builder, string token)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return ConfigureAuthentication(builder, a =>
        {
            a.Type = ConnectorAuthenticationType.Bearer;
            a.Token = token;
        });
    }

    /// <summary>Authenticates with a bearer token that <paramref name="tokenFactory"/> produces for every request.</summary>
    /// <param name="builder">The connector.</param>
    /// <param name="tokenFactory">Produces the token, with access to services; it should cache what is costly to get.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IConnectorBuilder AddBearerToken(this IConnectorBuilder builder, Func<IServiceProvider, CancellationToken, ValueTask<string>> tokenFactory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tokenFactory);
        GetRegistration(builder).AuthenticationProviderFactory = services => new BearerTokenProvider(cancellationToken => tokenFactory(services, cancellationToken));
        return builder;
    }

    /// <summary>Authenticates with an API key, replacing any authentication from configuration.</summary>
    /// <param name="builder">The connector.</param>
    /// <param name="name">The header or query parameter name.</param>
    /// <param name="value">The key.</param>
    /// <param name="location">Where the key travels.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or value is empty.</exception>
    public static IConnectorBuilder AddApiKey(this IConnectorBuilder builder, string name, string value, ApiKeyLocation location = ApiKeyLocation.Header)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        return ConfigureAuthentication(builder, a =>
        {
            a.Type = ConnectorAuthenticationType.ApiKey;
            a.ApiKeyName = name;
            a.ApiKeyValue = value;
            a.ApiKeyLocation = location;
        });
    }

    /// <summary>Authenticates with OAuth 2.0 client credentials, replacing any authentication from configuration. Tokens are fetched through a named client of their own.</summary>
    /// <param name="builder">The connector.</param>
    /// <param name="configure">Sets the token endpoint, client id and secret, scope and parameters.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IConnectorBuilder AddOAuth2ClientCredentials(this IConnectorBuilder builder, Action<OAuth2ClientCredentialsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return ConfigureAuthentication(builder, a =>
        {
            var options = new OAuth2ClientCredentialsOptions();
            configure(options);
            a.Type = ConnectorAuthenticationType.OAuth2ClientCredentials;
            a.ReplaceOAuth2(options);
        });
    }

    /// <summary>Authenticates with your own provider, resolved from the container (registered as a singleton if it is not registered yet), so it can depend on other services.</summary>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    /// <param name="builder">The connector.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IConnectorBuilder AddAuthenticationProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IConnectorBuilder builder)
        where TProvider : class, IAuthenticationHeaderProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TProvider>();
        GetRegistration(builder).AuthenticationProviderFactory = static services => services.GetRequiredService<TProvider>();
        return builder;
    }

    /// <summary>Configures the connector's <see cref="HttpClient"/> (for example default request version). Its base address and timeout are not used: the connector's options hold those.</summary>
    /// <param name="builder">The connector.</param>
    /// <param name="configure">Configures the client.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IConnectorBuilder ConfigureHttpClient(this IConnectorBuilder builder, Action<HttpClient> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.HttpClientBuilder.ConfigureHttpClient(configure);
        return builder;
    }

    /// <summary>Configures the connector's primary <see cref="SocketsHttpHandler"/> (proxy, certificates, connection limits). Automatic redirects stay off whatever the action sets: the connector follows redirects itself so that credentials never leave the origin.</summary>
    /// <param name="builder">The connector.</param>
    /// <param name="configure">Configures the handler.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IConnectorBuilder ConfigurePrimaryHandler(this IConnectorBuilder builder, Action<SocketsHttpHandler> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler((handler, _) =>
        {
            if (handler is SocketsHttpHandler sockets)
            {
                configure(sockets);
                sockets.AllowAutoRedirect = false;
            }
        });
        return builder;
    }

    private static IConnectorBuilder ConfigureAuthentication(IConnectorBuilder builder, Action<ConnectorAuthenticationOptions> configure)
    {
        builder.Services.Configure<ConnectorClientOptions>(builder.Name, options => configure(options.AuthenticationSettings));
        return builder;
    }

    private static ConnectorRegistration GetRegistration(IConnectorBuilder builder) =>
        CustomConnectorServiceCollectionExtensions.FindRegistration(builder.Services, builder.Name)
        ?? throw new InvalidOperationException($"No connector named '{builder.Name}' is registered in this service collection; call AddCustomConnector first.");
}
