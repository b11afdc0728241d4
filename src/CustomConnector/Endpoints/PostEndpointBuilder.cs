using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector;

/// <summary>Builds a POST endpoint, with a JSON body or any other content.</summary>
public sealed class PostEndpointBuilder : ConnectorEndpointBuilder<PostEndpointBuilder>
{
    internal PostEndpointBuilder(string uri)
        : base(HttpMethod.Post, uri)
    {
    }

    /// <summary>
    /// Sends <paramref name="body"/> as JSON (<c>application/json; charset=utf-8</c>), serialized by
    /// reflection with the client's <see cref="ConnectorClientOptions.SerializerOptions"/> at send time.
    /// </summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The value to serialize.</param>
    /// <returns>This builder.</returns>
    /// <remarks>For trimmed or native AOT apps use the overload that takes a <see cref="JsonTypeInfo{T}"/>.</remarks>
    [RequiresUnreferencedCode("Serializes by reflection. Use WithJsonBody<T>(T, JsonTypeInfo<T>) in trimmed apps.")]
    [RequiresDynamicCode("Serializes by reflection. Use WithJsonBody<T>(T, JsonTypeInfo<T>) in native AOT apps.")]
    public PostEndpointBuilder WithJsonBody<T>(T body)
    {
        return SetJsonBody(body);
    }

    /// <summary>Sends <paramref name="body"/> as JSON using source-generated metadata (trimming and AOT safe).</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The value to serialize.</param>
    /// <param name="typeInfo">The metadata, typically <c>MyJsonContext.Default.MyType</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    public PostEndpointBuilder WithJsonBody<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        return SetJsonBody(body, typeInfo);
    }

    /// <summary>Sends <paramref name="content"/> as the body.</summary>
    /// <param name="content">The content. It is sent again on a redirect or retry, so it must be readable more than once (string, byte array and form content are).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <remarks>The endpoint does not dispose the content; for content that can be read only once, use the factory overload.</remarks>
    public PostEndpointBuilder WithContent(HttpContent content)
    {
        return SetContent(content);
    }

    /// <summary>Sends the content that <paramref name="contentFactory"/> creates, a new one for every attempt.</summary>
    /// <param name="contentFactory">Creates the body; called once per attempt and per redirect hop.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentFactory"/> is null.</exception>
    public PostEndpointBuilder WithContent(Func<HttpContent> contentFactory)
    {
        return SetContent(contentFactory);
    }
}
