namespace CustomConnector.Internal;

/// <summary>Where a result came from, kept so that its exception can name the endpoint and URI.</summary>
internal sealed class ResultOrigin(string? endpointName, HttpMethod? method, Uri? requestUri, ConnectorExceptionMap exceptionMap, IReadOnlySet<string> sensitiveQueryParameters)
{
    public string? EndpointName { get; } = endpointName;

    public HttpMethod? Method { get; } = method;

    public ConnectorExceptionMap ExceptionMap { get; } = exceptionMap;

    /// <summary>Gets the URI with credentials removed; computed only when an exception needs it.</summary>
    public Uri? RedactedRequestUri => requestUri is null ? null : UriRedactor.Redact(requestUri, sensitiveQueryParameters);

    public ConnectorExceptionContext CreateContext(System.Net.HttpStatusCode? statusCode) => new()
    {
        StatusCode = statusCode,
        EndpointName = EndpointName,
        Method = Method,
        RequestUri = RedactedRequestUri,
    };
}
