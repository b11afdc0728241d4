namespace CustomConnector;

/// <summary>
/// An endpoint defined in configuration (or code) by name: method, path, query, headers and an
/// optional JSON body. <see cref="IConnectorClient.GetEndpoint"/> turns it into a pre-filled builder.
/// </summary>
/// <example>
/// <code language="json">
/// "Endpoints": {
///   "getWing": { "Method": "GET", "Path": "wings/{id}", "Headers": { "X-Trace": "on" } },
///   "createWing": { "Method": "POST", "Path": "wings" },
///   "replaceWing": { "Method": "PUT", "Path": "wings/{id}" },
///   "deleteWing": { "Method": "DELETE", "Path": "wings/{id}" },
///   "listWings": { "Path": "wings", "Pagination": { "Type": "Cursor", "CursorPath": "meta.next", "CursorParameter": "cursor" } }
/// }
/// </code>
/// </example>
public sealed class ConnectorEndpointOptions
{
    /// <summary>
    /// Gets or sets the HTTP method: <c>GET</c>, <c>POST</c>, <c>PUT</c>, <c>PATCH</c> or <c>DELETE</c> (any case).
    /// GET, PUT and DELETE are retried after a failure that may have reached the server; POST and PATCH are not.
    /// </summary>
    /// <value>The default is <c>GET</c>.</value>
    public string Method { get; set; } = "GET";

    /// <summary>Gets or sets the URI: relative to the base address or absolute; may hold <c>{placeholders}</c>.</summary>
    public string? Path { get; set; }

    /// <summary>Gets the query parameters always sent.</summary>
    public IDictionary<string, string> Query { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the headers always sent.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets changes to the connector's retry and timeout settings for this endpoint (from configuration: only the keys present).</summary>
    public Action<ConnectorResilienceOptions>? Resilience { get; set; }

    /// <summary>Gets or sets a JSON body (as JSON text) sent by default with a POST, PUT, PATCH or DELETE (not a GET); the call site may replace it.</summary>
    public string? Body { get; set; }

    /// <summary>Gets or sets how the endpoint is paged by <c>PaginateAsync</c> when no strategy is passed; <see langword="null"/> for a single request.</summary>
    public ConnectorPaginationOptions? Pagination { get; set; }
}
