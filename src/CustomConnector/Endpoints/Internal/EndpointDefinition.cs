using System.Diagnostics;
using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>The immutable endpoint that the builders produce.</summary>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class EndpointDefinition : IConnectorEndpoint
{
    private readonly EndpointBody? _body;
    private ResolvedUri? _resolved;

    public EndpointDefinition(
        string name,
        HttpMethod method,
        string requestUri,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        IAuthenticationHeaderProvider? authentication,
        bool isAnonymous,
        ConnectorEnvelopeOptions? envelope,
        EndpointBody? body,
        EndpointRetrySettings retry,
        IPaginationStrategy? pagination = null)
    {
        Name = name;
        Method = method;
        RequestUri = requestUri;
        Headers = headers;
        Authentication = authentication;
        IsAnonymous = isAnonymous;
        Envelope = envelope;
        _body = body;
        IsIdempotent = retry.AsIdempotent || HttpMethodRules.IsIdempotent(method);
        IdempotencyKey = retry.IdempotencyKey;
        GeneratesIdempotencyKey = retry.GeneratesIdempotencyKey;
        Resilience = retry.Resilience;
        Pagination = pagination;
    }

    public string Name { get; }

    public HttpMethod Method { get; }

    public string RequestUri { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public IAuthenticationHeaderProvider? Authentication { get; }

    public bool IsAnonymous { get; }

    public ConnectorEnvelopeOptions? Envelope { get; }

    public bool IsIdempotent { get; }

    public string? IdempotencyKey { get; }

    public bool GeneratesIdempotencyKey { get; }

    public Action<ConnectorResilienceOptions>? Resilience { get; }

    public IPaginationStrategy? Pagination { get; }

    /// <summary>Gets the body the endpoint sends, if any (a bound endpoint starts from its template's).</summary>
    public EndpointBody? Body => _body;

    public HttpContent? CreateContent(JsonSerializerOptions serializerOptions) => _body?.CreateContent(serializerOptions);

    /// <summary>Resolves against the base address, remembering the answer so that a reused endpoint joins its URI once.</summary>
    public Uri Resolve(Uri? baseAddress, RedactionPolicy redaction, string paramName)
    {
        var cached = Volatile.Read(ref _resolved);
        if (cached is not null && ReferenceEquals(cached.BaseAddress, baseAddress))
        {
            return cached.Uri;
        }

        var uri = UriJoiner.Resolve(baseAddress, RequestUri, Name, redaction, paramName);
        Volatile.Write(ref _resolved, new ResolvedUri(baseAddress, uri));
        return uri;
    }

    /// <summary>Describes the endpoint through the default redaction policy widened with the endpoint's own provider.</summary>
    public override string ToString() => $"{Method} {RedactionPolicy.Default.With(Authentication).Redact(RequestUri)} ({Name})";

    private sealed record ResolvedUri(Uri? BaseAddress, Uri Uri);
}
