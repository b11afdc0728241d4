using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector;

/// <summary>Configures a connector registered with <c>AddCustomConnector</c>; its methods chain.</summary>
public interface IConnectorBuilder
{
    /// <summary>Gets the connector's name.</summary>
    string Name { get; }

    /// <summary>Gets the service collection the connector is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>Gets the builder of the connector's named <see cref="HttpClient"/>, for handlers and other <c>IHttpClientFactory</c> settings.</summary>
    IHttpClientBuilder HttpClientBuilder { get; }
}
