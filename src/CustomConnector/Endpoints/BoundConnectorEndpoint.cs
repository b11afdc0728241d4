using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// An endpoint bound from a <see cref="ConnectorEndpointTemplate"/>: the template's definition with this
/// call's path values, and optionally this call's query parameters and body. Immutable: each <c>With</c>
/// method returns a new endpoint and leaves this one as it was.
/// </summary>
/// <remarks>Holds only what differs per call (its URI and body); everything else is the template's, shared.</remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BoundConnectorEndpoint : IConnectorEndpoint
{
    private readonly EndpointDefinition _shape;
    private readonly EndpointBody? _body;

    internal BoundConnectorEndpoint(EndpointDefinition shape, string requestUri, EndpointBody? body)
    {
        _shape = shape;
        RequestUri = requestUri;
        _body = body;
    }

    /// <inheritdoc/>
    public string Name => _shape.Name;

    /// <inheritdoc/>
    public HttpMethod Method => _shape.Method;

    /// <inheritdoc/>
    public string RequestUri { get; }

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _shape.Headers;

    /// <inheritdoc/>
    public IAuthenticationHeaderProvider? Authentication => _shape.Authentication;

    /// <inheritdoc/>
    public bool IsAnonymous => _shape.IsAnonymous;

    /// <inheritdoc/>
    public ConnectorEnvelopeOptions? Envelope => _shape.Envelope;

    /// <inheritdoc/>
    public bool IsIdempotent => _shape.IsIdempotent;

    /// <inheritdoc/>
    public string? IdempotencyKey => _shape.IdempotencyKey;

    /// <inheritdoc/>
    public bool GeneratesIdempotencyKey => _shape.GeneratesIdempotencyKey;

    /// <inheritdoc/>
    public Action<ConnectorResilienceOptions>? Resilience => _shape.Resilience;

    /// <inheritdoc/>
    public IPaginationStrategy? Pagination => _shape.Pagination;

    /// <inheritdoc/>
    public HttpContent? CreateContent(JsonSerializerOptions serializerOptions) => _body?.CreateContent(serializerOptions);

    /// <summary>
    /// Returns this endpoint with a query parameter added, percent-encoded. A collection repeats the
    /// parameter (<c>?tag=a&amp;tag=b</c>); a <see langword="null"/> value adds nothing (and returns this endpoint).
    /// </summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The value (or values), formatted with the invariant culture.</param>
    /// <returns>A new endpoint, or this one when there was nothing to add.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or whitespace, or the name or a value holds an unpaired UTF-16 surrogate.</exception>
    public BoundConnectorEndpoint WithQueryParameter(string name, object? value)
    {
        List<KeyValuePair<string, string>>? parameters = null;
        QueryParameterRules.Add(ref parameters, name, value, nameof(name), nameof(value));
        return parameters is null ? this : new(_shape, QueryParameterRules.Append(RequestUri, parameters), _body);
    }

    /// <summary>Returns this endpoint with <paramref name="body"/> as its JSON body, serialized with source-generated metadata (trimming and AOT safe) at send time.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The value to serialize.</param>
    /// <param name="typeInfo">The metadata, typically <c>MyJsonContext.Default.MyType</c>.</param>
    /// <returns>A new endpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    public BoundConnectorEndpoint WithJsonBody<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ThrowIfBodiless();
        return new(_shape, RequestUri, new JsonEndpointBody<T>(body, typeInfo));
    }

    /// <summary>Returns this endpoint with <paramref name="body"/> as its JSON body, serialized by reflection with the client's serializer options at send time.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The value to serialize.</param>
    /// <returns>A new endpoint.</returns>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    [RequiresUnreferencedCode("Serializes by reflection. Use WithJsonBody<T>(T, JsonTypeInfo<T>) in trimmed apps.")]
    [RequiresDynamicCode("Serializes by reflection. Use WithJsonBody<T>(T, JsonTypeInfo<T>) in native AOT apps.")]
    public BoundConnectorEndpoint WithJsonBody<T>(T body)
    {
        ThrowIfBodiless();
        return new(_shape, RequestUri, new ReflectionJsonEndpointBody<T>(body));
    }

    /// <summary>Returns this endpoint with <paramref name="content"/> as its body; it must be readable more than once (see <see cref="PostEndpointBuilder.WithContent(HttpContent)"/>).</summary>
    /// <param name="content">The content; not disposed by the endpoint.</param>
    /// <returns>A new endpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    public BoundConnectorEndpoint WithContent(HttpContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ThrowIfBodiless();
        return new(_shape, RequestUri, new ContentBody(content));
    }

    /// <summary>Returns this endpoint with the content <paramref name="contentFactory"/> creates as its body, a new one for every attempt.</summary>
    /// <param name="contentFactory">Creates the body; called once per attempt and per redirect hop.</param>
    /// <returns>A new endpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentFactory"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    public BoundConnectorEndpoint WithContent(Func<HttpContent> contentFactory)
    {
        ArgumentNullException.ThrowIfNull(contentFactory);
        ThrowIfBodiless();
        return new(_shape, RequestUri, new ContentFactoryBody(contentFactory));
    }

    /// <summary>Describes the endpoint through the default redaction policy widened with the endpoint's own provider.</summary>
    /// <returns>The method, the redacted URI and the name.</returns>
    public override string ToString() => $"{Method} {RedactionPolicy.Default.With(Authentication).Redact(RequestUri)} ({Name})";

    private void ThrowIfBodiless()
    {
        if (Method == HttpMethod.Get || Method == HttpMethod.Head)
        {
            throw new InvalidOperationException($"A {Method.Method} request carries no body; endpoint '{Name}' cannot have one. Define it as POST if the API expects a body.");
        }
    }
}
