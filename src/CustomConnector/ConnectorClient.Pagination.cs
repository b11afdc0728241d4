using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>Paging and streaming: many items from one endpoint, one page (or one element) in memory at a time.</summary>
public sealed partial class ConnectorClient
{
    /// <inheritdoc/>
    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        PaginateAsync(endpoint, null, typeInfo, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var endpointUri = _runner.ResolveUri(endpoint);
        return new PagedItems<T>(token => PageWalker.WalkAsync(_runner, endpoint, endpointUri, strategy, typeInfo, token).GetAsyncEnumerator(token), cancellationToken);
    }

    /// <inheritdoc/>
    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy = null, CancellationToken cancellationToken = default) =>
        PaginateAsync(endpoint, strategy, GetReflectionTypeInfo<T>(), cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<ConnectorPage<T>> PaginatePagesAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return PageWalker.WalkAsync(_runner, endpoint, _runner.ResolveUri(endpoint), strategy, typeInfo, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<T> StreamDataAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return _runner.StreamDataAsync(endpoint, _runner.ResolveUri(endpoint), typeInfo, cancellationToken);
    }
}
