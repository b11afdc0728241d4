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
}
