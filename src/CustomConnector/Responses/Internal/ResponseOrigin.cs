using System.Globalization;
using System.Net;

namespace CustomConnector.Internal;

/// <summary>
/// What a response reader and a <see cref="ConnectorResult{T}"/> know about the call that produced a
/// response, taken once the call's attempts are over: where it went, how, how many attempts it took,
/// and how its exceptions are made and redacted. Immutable, and a value: passing it costs no allocation.
/// </summary>
/// <param name="endpointName">The endpoint's name, or <see langword="null"/> for a response that did not come through an endpoint.</param>
/// <param name="method">The request method.</param>
/// <param name="requestUri">The URI as requested (redact it with <see cref="RedactedRequestUri"/> before showing it).</param>
/// <param name="redaction">The call's redaction policy.</param>
/// <param name="exceptionMap">Turns an error status into its typed exception.</param>
/// <param name="attempts">How many attempts were sent; 0 for a response the library did not send.</param>
/// <param name="source">The call's descriptor this origin was taken from, if any: what a result keeps instead of a boxed copy.</param>
/// <remarks>Not a record: a generated <c>ToString</c> would print the unredacted URI.</remarks>
internal readonly struct ResponseOrigin(string? endpointName, HttpMethod? method, Uri? requestUri, RedactionPolicy redaction, ConnectorExceptionMap exceptionMap, int attempts, IResponseOriginSource? source = null)
{
    /// <summary>Gets the origin of a result made without a call (<see cref="ConnectorResult"/>'s factories): the default exception map, nothing to describe.</summary>
    public static ResponseOrigin None { get; } = new(null, null, null, RedactionPolicy.Default, new ConnectorExceptionMap(), 0);

    public string? EndpointName { get; } = endpointName;

    public HttpMethod? Method { get; } = method;

    public Uri? RequestUri { get; } = requestUri;

    public RedactionPolicy Redaction { get; } = redaction;

    public ConnectorExceptionMap ExceptionMap { get; } = exceptionMap;

    public int Attempts { get; } = attempts;

    /// <summary>Gets the call's descriptor this origin was taken from, or <see langword="null"/> for a response the library did not send.</summary>
    public IResponseOriginSource? Source { get; } = source;

    /// <summary>What a result keeps to describe its call later: the call's descriptor when there is one, else this origin, boxed.</summary>
    public object Keep() => Source ?? (object)this;

    /// <summary>The origin a result kept with <see cref="Keep"/>.</summary>
    public static ResponseOrigin FromKept(object kept) => kept is IResponseOriginSource source ? source.ToOrigin() : (ResponseOrigin)kept;

    /// <summary>Gets the URI with credentials removed; computed only when an exception or a message needs it.</summary>
    public Uri? RedactedRequestUri => RequestUri is null ? null : Redaction.Redact(RequestUri);

    /// <summary>Describes the call for a message: <c>GET https://h/wings/7 (getWing)</c>.</summary>
    public string Describe() => CreateContext(null).Describe();

    /// <summary>The context of an exception about the call: its response's status, if any, and the error the API reported, if any.</summary>
    public ConnectorExceptionContext CreateContext(HttpStatusCode? statusCode, ConnectorError? error = null, TimeSpan? retryAfter = null) => new()
    {
        // A 2xx that carried an error envelope takes its status from the error code when it is one.
        StatusCode = (int?)statusCode is >= 200 and < 300 && error is not null && int.TryParse(error.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and < 600
            ? (HttpStatusCode)code
            : statusCode,
        Error = error,
        EndpointName = EndpointName,
        Method = Method,
        RequestUri = RedactedRequestUri,
        RetryAfter = retryAfter,
        Attempts = Attempts,
    };

    /// <summary>The typed exception (by the call's map) for an error response.</summary>
    public ConnectorException CreateException(HttpStatusCode statusCode, ConnectorError error, TimeSpan? retryAfter) =>
        ExceptionMap.Create(CreateContext(statusCode, error, retryAfter));
}
