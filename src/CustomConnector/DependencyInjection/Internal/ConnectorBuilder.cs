using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector.Internal;

internal sealed class ConnectorBuilder(ConnectorRegistration registration, IServiceCollection services, IHttpClientBuilder httpClientBuilder) : IConnectorBuilder
{
    public string Name => Registration.Name;

    public IServiceCollection Services { get; } = services;

    public IHttpClientBuilder HttpClientBuilder { get; } = httpClientBuilder;

    public ConnectorRegistration Registration { get; } = registration;
}
