using CustomConnector;
using CustomConnector.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs a <see cref="FakeConnectorApi"/> into a connector registered with <c>AddCustomConnector</c>.</summary>
public static class FakeConnectorApiBuilderExtensions
{
    /// <summary>
    /// Sends the connector's requests, and its OAuth 2.0 token requests, to <paramref name="fakeApi"/>
    /// instead of the network: the fake becomes the primary handler of the connector's
    /// <see cref="HttpClient"/>s. Everything else (options, validation, authentication, resilience,
    /// typed clients) stays as registered.
    /// </summary>
    /// <param name="builder">The connector, as <c>AddCustomConnector</c> returned it.</param>
    /// <param name="fakeApi">The fake. The connector's own base address stays, so route templates without a leading <c>/</c> are the simplest to match.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IConnectorBuilder UseFakeApi(this IConnectorBuilder builder, FakeConnectorApi fakeApi)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(fakeApi);
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(fakeApi.CreateHandler);

        // The connector fetches OAuth 2.0 tokens through a named client of its own ("<name>.OAuth2TokenEndpoint").
        builder.Services.AddHttpClient(builder.Name + ".OAuth2TokenEndpoint").ConfigurePrimaryHttpMessageHandler(fakeApi.CreateHandler);
        return builder;
    }
}
