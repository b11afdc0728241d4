namespace CustomConnector.Internal;

/// <summary>
/// One logical call, across all its attempts: where it goes, whether it may be repeated, how many
/// attempts it took, and what an exception about it should say.
/// </summary>
internal sealed class ConnectorCall(string? endpointName, HttpMethod? method, Uri? requestUri, ConnectorExceptionMap exceptionMap, RedactionPolicy redaction) : IResponseOriginSource
{
    private byte _resultKind;

    public string? EndpointName { get; } = endpointName;

    public HttpMethod? Method { get; } = method;

    public Uri? RequestUri { get; } = requestUri;

    public ConnectorExceptionMap ExceptionMap { get; } = exceptionMap;

    /// <summary>Gets or sets how many attempts were sent.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets a value indicating whether the request may be sent again after it may have reached the server.</summary>
    public bool CanRepeat { get; set; }

    /// <summary>Gets or sets the idempotency key sent on every attempt, if any.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Gets or sets a value indicating whether a client without a base address may send credentials to the call's own origin.</summary>
    public bool TrustEndpointOrigin { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether stale credentials were already refreshed (at most once per call).</summary>
    public bool AuthenticationRefreshed { get; set; }

    /// <summary>Gets or sets the final response's status code, once it arrived.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Gets or sets a value indicating whether the call's total time budget ran out (set by the total timeout, read when its exception is translated).</summary>
    public bool TotalTimedOut { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the code that read the final response took it over
    /// (to stream its body past the call), so that the call must not dispose it.
    /// </summary>
    public bool ResponseTaken { get; set; }

    /// <summary>
    /// Gets or sets what the reader made of the final response (empty, data or error), for the telemetry
    /// stage; <see langword="null"/> while there is none, and for a call that ended in an exception.
    /// </summary>
    /// <remarks>Stored in a byte, which fits in the padding of this object: the call does not grow for it.</remarks>
    public ConnectorResultKind? ResultKind
    {
        get => _resultKind == 0 ? null : (ConnectorResultKind)(_resultKind - 1);
        set => _resultKind = value is { } kind ? (byte)((int)kind + 1) : (byte)0;
    }

    /// <summary>
    /// Gets the result kind as telemetry names it (<c>customconnector.result</c>): <c>empty</c>, <c>data</c>
    /// or <c>error</c>; <see langword="null"/> when the reader made no result. Here, so that the telemetry
    /// stage needs nothing of the response reader's types.
    /// </summary>
    public string? ResultName => _resultKind switch
    {
        0 => null,
        (int)ConnectorResultKind.Empty + 1 => "empty",
        (int)ConnectorResultKind.Data + 1 => "data",
        _ => "error",
    };

    /// <summary>Gets a value indicating whether the reader made an error result (an error status or an error envelope).</summary>
    public bool IsErrorResult => _resultKind == (int)ConnectorResultKind.Error + 1;

    /// <summary>Gets or sets when the call's time budget runs out, as a <see cref="TimeProvider"/> timestamp; <see cref="long.MaxValue"/> for never.</summary>
    public long DeadlineTimestamp { get; set; } = long.MaxValue;

    /// <summary>Gets the URI with credentials removed; computed only when an exception or a log needs it.</summary>
    public Uri? RedactedRequestUri => RequestUri is null ? null : Redaction.Redact(RequestUri);

    /// <summary>Gets the redaction policy of the call: the client's, widened with the endpoint's own provider.</summary>
    public RedactionPolicy Redaction { get; } = redaction;

    /// <summary>Describes the call for a message: <c>GET https://h/wings/7 (getWing)</c>.</summary>
    public string Describe() => ToOrigin().Describe();

    /// <summary>Says how many attempts were made: "1 attempt", "3 attempts".</summary>
    public string DescribeAttempts() => Attempts == 1 ? "1 attempt" : $"{Attempts} attempts";

    /// <summary>The context of an exception about the call, with the attempts made so far.</summary>
    public ConnectorExceptionContext CreateContext(System.Net.HttpStatusCode? statusCode, TimeSpan? retryAfter = null) =>
        ToOrigin().CreateContext(statusCode, error: null, retryAfter);

    /// <summary>What the response reader and the result keep of the call: a value, taken when it is needed.</summary>
    public ResponseOrigin ToOrigin() => new(EndpointName, Method, RequestUri, Redaction, ExceptionMap, Attempts, this);
}
