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
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
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
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
    /// <exception cref="ConnectorResponseFormatException">A 2xx body breaks the convention.</exception>
    /// <exception cref="ConnectorTimeoutException">The call ran out of time.</exception>
    /// <exception cref="ConnectorException">The request could not be sent (network failure, too many redirects).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends <paramref name="endpoint"/> when its answer carries no data you want, such as a DELETE that
    /// answers 204: data in a 2xx answer is ignored (not parsed), an error status or error envelope is read.
    /// </summary>
    /// <param name="endpoint">The endpoint to send.</param>
    /// <param name="cancellationToken">Cancels the call; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>
    /// An <see cref="ConnectorResultKind.Empty"/> result for any 2xx, or an <see cref="ConnectorResultKind.Error"/>
    /// result: read it with <see cref="ConnectorResult{T}.EnsureSuccess"/>, <see cref="ConnectorResult{T}.Kind"/>,
    /// <see cref="ConnectorResult{T}.StatusCode"/> and <see cref="ConnectorResult{T}.Error"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
    /// <exception cref="ConnectorResponseFormatException">A 2xx JSON body is not valid JSON, or is too large.</exception>
    /// <exception cref="ConnectorTimeoutException">The call ran out of time.</exception>
    /// <exception cref="ConnectorException">The request could not be sent (network failure, too many redirects).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// The default implementation, for implementations written before this member, reads the answer with
    /// <see cref="SendAsync{T}(IConnectorEndpoint, JsonTypeInfo{T}, CancellationToken)"/> and skips the data;
    /// <see cref="ConnectorClient"/> also ignores a 2xx body that is not JSON or has no envelope.
    /// </remarks>
    async Task<ConnectorResult<ConnectorNoData>> SendAsync(IConnectorEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(endpoint, Internal.ConnectorJsonContext.Default.ConnectorNoData, cancellationToken).ConfigureAwait(false);
        return result.Kind == ConnectorResultKind.Data ? ConnectorResult.Empty<ConnectorNoData>(result.StatusCode) : result;
    }

    /// <summary>
    /// Pages through <paramref name="endpoint"/> with the strategy it carries (from
    /// <see cref="ConnectorEndpointBuilder{TBuilder}.WithPagination"/> or configuration), yielding every
    /// item of every page's data array, with source-generated metadata.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="endpoint">The first page's endpoint.</param>
    /// <param name="typeInfo">The item's metadata, typically <c>MyJsonContext.Default.MyType</c>.</param>
    /// <param name="cancellationToken">Stops the enumeration: no request is sent after it is cancelled.</param>
    /// <returns>The items, page after page; see <see cref="PaginateAsync{T}(IConnectorEndpoint, IPaginationStrategy?, JsonTypeInfo{T}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
    IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pages through <paramref name="endpoint"/> with <paramref name="strategy"/>, yielding every item
    /// of every page's data array, with source-generated metadata (trimming and AOT safe).
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="endpoint">The first page's endpoint.</param>
    /// <param name="strategy">How to find the next page (see <see cref="Pagination"/>); <see langword="null"/> uses the endpoint's own, and an endpoint without one is a single page.</param>
    /// <param name="typeInfo">The item's metadata, typically <c>MyJsonContext.Default.MyType</c>.</param>
    /// <param name="cancellationToken">Stops the enumeration: no request is sent after it is cancelled.</param>
    /// <returns>
    /// The items, page after page. Each page is one call through the client's whole pipeline
    /// (credentials, retries, timeout) and is read completely before its items are yielded; the next
    /// page is requested only when the caller asks for more, so at most one page is in memory.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="typeInfo"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
    /// <remarks>
    /// While enumerating, after the items already read were yielded: an error page throws its typed
    /// exception (<see cref="NotFoundException"/> and so on); a page that breaks the convention throws
    /// <see cref="ConnectorResponseFormatException"/>; a next link or cursor seen before (a loop), a next link to
    /// another origin (unless <see cref="PaginationOptions.AllowCrossOriginLinks"/>) and a walk longer than
    /// <see cref="PaginationOptions.MaxPages"/> throw <see cref="ConnectorException"/>; a timeout throws
    /// <see cref="ConnectorTimeoutException"/>; cancellation throws <see cref="OperationCanceledException"/>.
    /// The walk ends quietly at an empty page, when the strategy finds no next page, and at <see cref="PaginationOptions.MaxItems"/>.
    /// </remarks>
    IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>Pages through <paramref name="endpoint"/> like the <see cref="JsonTypeInfo{T}"/> overload, reading items by reflection with the client's serializer options.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="endpoint">The first page's endpoint.</param>
    /// <param name="strategy">How to find the next page; <see langword="null"/> uses the endpoint's own, and an endpoint without one is a single page.</param>
    /// <param name="cancellationToken">Stops the enumeration: no request is sent after it is cancelled.</param>
    /// <returns>The items, page after page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy = null, CancellationToken cancellationToken = default);

    /// <summary>Pages through <paramref name="endpoint"/> like <see cref="PaginateAsync{T}(IConnectorEndpoint, IPaginationStrategy?, JsonTypeInfo{T}, CancellationToken)"/>, yielding whole pages with their metadata.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="endpoint">The first page's endpoint.</param>
    /// <param name="strategy">How to find the next page; <see langword="null"/> uses the endpoint's own, and an endpoint without one is a single page.</param>
    /// <param name="typeInfo">The item's metadata.</param>
    /// <param name="cancellationToken">Stops the enumeration: no request is sent after it is cancelled.</param>
    /// <returns>The pages, each with its number, items, item count, status, headers, body values and next request. The empty page that ends a walk is yielded too.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="typeInfo"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
    IAsyncEnumerable<ConnectorPage<T>> PaginatePagesAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends <paramref name="endpoint"/> once and yields the elements of its data array as they arrive
    /// from the socket, without holding the array: for a single response too large to read whole.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="typeInfo">The element's metadata.</param>
    /// <param name="cancellationToken">Stops reading; the response is closed.</param>
    /// <returns>The elements, each yielded as soon as its last byte arrived. Nothing for 204, an empty body or <c>{"data": null}</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="typeInfo"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is relative and the client has no base address, its URI carries user info, or it would send credentials over plain http to a host that is not loopback (see <see cref="ConnectorClientOptions.AllowInsecureHttp"/>).</exception>
    /// <remarks>
    /// <see cref="ConnectorClientOptions.MaxResponseContentBytes"/> applies to each element rather than
    /// to the body, and <see cref="ConnectorClientOptions.Timeout"/> to getting the response and then to
    /// each wait for more of the body. While enumerating: an error status, or an error envelope in the
    /// body, throws its typed exception; a body that breaks the convention or an oversized element
    /// throws <see cref="ConnectorResponseFormatException"/>; a stalled body throws
    /// <see cref="ConnectorTimeoutException"/>; a broken connection throws <see cref="ConnectorException"/>.
    /// </remarks>
    IAsyncEnumerable<T> StreamDataAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>Returns a builder pre-filled from the endpoint defined as <paramref name="name"/>; add the call's values and build it.</summary>
    /// <param name="name">The endpoint's name in the connector's <c>Endpoints</c> (case-insensitive).</param>
    /// <returns>A new builder named <paramref name="name"/>, each call a fresh one.</returns>
    /// <exception cref="ArgumentException">No endpoint has that name (the message lists those that exist).</exception>
    /// <example><c>client.GetEndpoint("getWing").WithPathParameter("id", 1001).Build()</c></example>
    EndpointBuilder GetEndpoint(string name);
}
