using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// Builds an endpoint for any HTTP method: what <see cref="ConnectorEndpoint.Create"/> and
/// <see cref="IConnectorClient.GetEndpoint"/> return. Body methods are refused for methods that carry no body.
/// </summary>
public sealed class EndpointBuilder : ConnectorEndpointBuilder<EndpointBuilder>
{
    internal EndpointBuilder(HttpMethod method, string uri)
        : base(method, uri)
    {
    }

    /// <summary>Sends <paramref name="body"/> as JSON, serialized by reflection with the client's serializer options at send time.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The value to serialize.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    [RequiresUnreferencedCode("Serializes by reflection. Use WithJsonBody<T>(T, JsonTypeInfo<T>) in trimmed apps.")]
    [RequiresDynamicCode("Serializes by reflection. Use WithJsonBody<T>(T, JsonTypeInfo<T>) in native AOT apps.")]
    public EndpointBuilder WithJsonBody<T>(T body)
    {
        ThrowIfBodiless();
        return SetJsonBody(body);
    }

    /// <summary>Sends <paramref name="body"/> as JSON using source-generated metadata (trimming and AOT safe).</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The value to serialize.</param>
    /// <param name="typeInfo">The metadata, typically <c>MyJsonContext.Default.MyType</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    public EndpointBuilder WithJsonBody<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        ThrowIfBodiless();
        return SetJsonBody(body, typeInfo);
    }

    /// <summary>Sends <paramref name="content"/> as the body; it must be readable more than once (see <see cref="PostEndpointBuilder.WithContent(HttpContent)"/>).</summary>
    /// <param name="content">The content.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    public EndpointBuilder WithContent(HttpContent content)
    {
        ThrowIfBodiless();
        return SetContent(content);
    }

    /// <summary>Sends the content that <paramref name="contentFactory"/> creates, a new one for every attempt.</summary>
    /// <param name="contentFactory">Creates the body.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentFactory"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The method is GET or HEAD, which carry no body.</exception>
    public EndpointBuilder WithContent(Func<HttpContent> contentFactory)
    {
        ThrowIfBodiless();
        return SetContent(contentFactory);
    }

    private void ThrowIfBodiless()
    {
        if (Method == HttpMethod.Get || Method == HttpMethod.Head)
        {
            throw new InvalidOperationException($"A {Method.Method} request carries no body; endpoint '{RedactionPolicy.Default.Redact(Template)}' cannot have one. Define it as POST if the API expects a body.");
        }
    }
}
