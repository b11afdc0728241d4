using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// The <see cref="IConnectorClient"/> that dependency injection hands out: each request takes a
/// client from <see cref="IHttpClientFactory"/> (so handler rotation works) and the connector's
/// current settings (so configuration changes apply without a restart).
/// </summary>
internal sealed class FactoryConnectorClient(ConnectorRuntime runtime) : IConnectorClient
{
    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    public Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, CancellationToken cancellationToken = default) =>
        CreateClient().SendAsync<T>(endpoint, cancellationToken);

    public Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        CreateClient().SendAsync(endpoint, typeInfo, cancellationToken);

    public Task<ConnectorResult<ConnectorNoData>> SendAsync(IConnectorEndpoint endpoint, CancellationToken cancellationToken = default) =>
        CreateClient().SendAsync(endpoint, cancellationToken);

    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        CreateClient().PaginateAsync(endpoint, typeInfo, cancellationToken);

    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        CreateClient().PaginateAsync(endpoint, strategy, typeInfo, cancellationToken);

    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy = null, CancellationToken cancellationToken = default) =>
        CreateClient().PaginateAsync<T>(endpoint, strategy, cancellationToken);

    public IAsyncEnumerable<ConnectorPage<T>> PaginatePagesAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        CreateClient().PaginatePagesAsync(endpoint, strategy, typeInfo, cancellationToken);

    public IAsyncEnumerable<T> StreamDataAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        CreateClient().StreamDataAsync(endpoint, typeInfo, cancellationToken);

    public EndpointBuilder GetEndpoint(string name) => runtime.GetSettings().Endpoints.CreateBuilder(name);

    public override string ToString() => $"Connector '{runtime.Name}'";

    private ConnectorClient CreateClient() => new(runtime.CreateHttpClient(), runtime.GetSettings());
}
