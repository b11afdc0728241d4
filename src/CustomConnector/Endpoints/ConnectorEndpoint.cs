namespace CustomConnector;

/// <summary>Starts building an endpoint.</summary>
/// <example>
/// <code>
/// var getWing = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").WithPathParameter("id", 1001).Build();
/// </code>
/// </example>
public static class ConnectorEndpoint
{
    /// <summary>Starts a GET endpoint.</summary>
    /// <param name="uri">An absolute http(s) URI, or a path relative to the client's base address; may hold <c>{placeholders}</c>.</param>
    /// <returns>A builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is empty or malformed.</exception>
    public static GetEndpointBuilder Get(string uri) => new(uri);

    /// <summary>Starts a POST endpoint.</summary>
    /// <param name="uri">An absolute http(s) URI, or a path relative to the client's base address; may hold <c>{placeholders}</c>.</param>
    /// <returns>A builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is empty or malformed.</exception>
    public static PostEndpointBuilder Post(string uri) => new(uri);

    /// <summary>Starts a PUT endpoint, which replaces the resource with its body (usually JSON, see <see cref="EndpointBuilder.WithJsonBody{T}(T, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>).</summary>
    /// <param name="uri">An absolute http(s) URI, or a path relative to the client's base address; may hold <c>{placeholders}</c>.</param>
    /// <returns>A builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is empty or malformed.</exception>
    /// <remarks>PUT is idempotent (RFC 9110), so a failed attempt is retried even after it may have reached the server.</remarks>
    public static EndpointBuilder Put(string uri) => new(HttpMethod.Put, uri);

    /// <summary>Starts a PATCH endpoint, which changes part of the resource as its body says.</summary>
    /// <param name="uri">An absolute http(s) URI, or a path relative to the client's base address; may hold <c>{placeholders}</c>.</param>
    /// <returns>A builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is empty or malformed.</exception>
    /// <remarks>
    /// PATCH is not idempotent, so, like POST, an attempt that may have reached the server is not retried
    /// unless the endpoint is marked <see cref="ConnectorEndpointBuilder{TBuilder}.AsIdempotent"/> or sends an idempotency key.
    /// </remarks>
    public static EndpointBuilder Patch(string uri) => new(HttpMethod.Patch, uri);

    /// <summary>Starts a DELETE endpoint.</summary>
    /// <param name="uri">An absolute http(s) URI, or a path relative to the client's base address; may hold <c>{placeholders}</c>.</param>
    /// <returns>A builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is empty or malformed.</exception>
    /// <remarks>
    /// DELETE is idempotent (RFC 9110), so a failed attempt is retried even after it may have reached the server.
    /// A body is allowed, as RFC 9110 allows it, but many servers and proxies ignore or refuse it: give one only
    /// when the API documents it.
    /// </remarks>
    public static EndpointBuilder Delete(string uri) => new(HttpMethod.Delete, uri);

    /// <summary>Starts an endpoint with any HTTP method, for verbs beyond GET, POST, PUT, PATCH and DELETE.</summary>
    /// <param name="method">The method.</param>
    /// <param name="uri">An absolute http(s) URI, or a path relative to the client's base address; may hold <c>{placeholders}</c>.</param>
    /// <returns>A builder; its body methods refuse GET and HEAD.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is empty or malformed.</exception>
    public static EndpointBuilder Create(HttpMethod method, string uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new(method, uri);
    }
}
