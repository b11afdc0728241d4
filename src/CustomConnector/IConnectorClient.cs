using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector;

/// <summary>Sends connector endpoints and reads their responses as <see cref="ConnectorResult{T}"/>.</summary>
public interface IConnectorClient
{
    /// <summary>Sends <paramref name="endpoint"/> and reads the payload by reflection with the client's serializer options.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="endpoint">The endpoint to send.</param>
    /// <param name="cancellationToken">Cancels the call; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>An empty, data or error result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address.</exception>
    /// <exception cref="ConnectorResponseFormatException">A 2xx body breaks the convention.</exception>
    /// <exception cref="ConnectorTimeoutException">The call ran out of time.</exception>
    /// <exception cref="ConnectorException">The request could not be sent (network failure, too many redirects).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="endpoint"/> and reads the payload with source-generated metadata (trimming and AOT safe).</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="endpoint">The endpoint to send.</param>
    /// <param name="typeInfo">The payload's metadata, typically <c>MyJsonContext.Default.MyType</c>.</param>
    /// <param name="cancellationToken">Cancels the call; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>An empty, data or error result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address.</exception>
    /// <exception cref="ConnectorResponseFormatException">A 2xx body breaks the convention.</exception>
    /// <exception cref="ConnectorTimeoutException">The call ran out of time.</exception>
    /// <exception cref="ConnectorException">The request could not be sent (network failure, too many redirects).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>Returns a builder pre-filled from the endpoint defined as <paramref name="name"/>; add the call's values and build it.</summary>
    /// <param name="name">The endpoint's name in the connector's <c>Endpoints</c> (case-insensitive).</param>
    /// <returns>A new builder named <paramref name="name"/>, each call a fresh one.</returns>
    /// <exception cref="ArgumentException">No endpoint has that name (the message lists those that exist).</exception>
    /// <example><c>client.GetEndpoint("getWing").WithPathParameter("id", 1001).Build()</c></example>
    EndpointBuilder GetEndpoint(string name);
}
