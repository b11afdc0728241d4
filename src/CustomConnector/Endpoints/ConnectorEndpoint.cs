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

    /// <summary>Starts an endpoint with any HTTP method, for verbs beyond GET and POST.</summary>
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
