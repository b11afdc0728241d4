using System.Text.Json;

namespace CustomConnector;

/// <summary>
/// One endpoint of a connector: method, URI, headers, authentication and body, ready to send.
/// </summary>
/// <remarks>
/// Instances built by <see cref="ConnectorEndpoint"/> are immutable and can be sent any number
/// of times, from any number of threads.
/// </remarks>
public interface IConnectorEndpoint
{
    /// <summary>Gets the endpoint's name, used in exceptions and diagnostics.</summary>
    string Name { get; }

    /// <summary>Gets the HTTP method.</summary>
    HttpMethod Method { get; }

    /// <summary>
    /// Gets the request URI with placeholders filled and query parameters appended: absolute, or
    /// relative to the client's base address.
    /// </summary>
    string RequestUri { get; }

    /// <summary>Gets the headers sent with every request to this endpoint.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Gets the authentication that replaces the client's, or <see langword="null"/> to use the client's.</summary>
    IAuthenticationHeaderProvider? Authentication { get; }

    /// <summary>Gets a value indicating whether requests to this endpoint are sent without any authentication.</summary>
    bool IsAnonymous { get; }

    /// <summary>Gets the response envelope that replaces the client's, or <see langword="null"/> to use the client's.</summary>
    ConnectorEnvelopeOptions? Envelope { get; }

    /// <summary>
    /// Gets a value indicating whether sending the request twice has the same effect as once, so that
    /// it may be retried after it may have reached the server. GET, HEAD, PUT, DELETE, OPTIONS and TRACE are
    /// (RFC 9110, section 9.2.2); a POST or PATCH is when marked so with
    /// <see cref="ConnectorEndpointBuilder{TBuilder}.AsIdempotent"/>.
    /// </summary>
    bool IsIdempotent => Internal.HttpMethodRules.IsIdempotent(Method);

    /// <summary>Gets the fixed <c>Idempotency-Key</c> sent with every attempt of every call, or <see langword="null"/>.</summary>
    string? IdempotencyKey => null;

    /// <summary>Gets a value indicating whether each call generates its own <c>Idempotency-Key</c>, the same on all of its attempts.</summary>
    bool GeneratesIdempotencyKey => false;

    /// <summary>Gets the changes this endpoint makes to the connector's retry and timeout settings, or <see langword="null"/>.</summary>
    Action<ConnectorResilienceOptions>? Resilience => null;

    /// <summary>Gets how <see cref="IConnectorClient.PaginateAsync{T}(IConnectorEndpoint, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}, CancellationToken)"/> walks this endpoint's pages when no strategy is passed, or <see langword="null"/> for a single request.</summary>
    IPaginationStrategy? Pagination => null;

    /// <summary>Creates the request body for one attempt, or returns <see langword="null"/> when the request has none.</summary>
    /// <param name="serializerOptions">The client's serializer options, for bodies serialized by reflection.</param>
    /// <returns>New content on every call, or <see langword="null"/>.</returns>
    HttpContent? CreateContent(JsonSerializerOptions serializerOptions);
}
