using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>Content produced by the caller's factory, once per attempt.</summary>
internal sealed class ContentFactoryBody(Func<HttpContent> factory) : EndpointBody
{
    public override HttpContent CreateContent(JsonSerializerOptions serializerOptions) =>
        factory() ?? throw new InvalidOperationException("The content factory passed to WithContent returned null. Return a new HttpContent on every call.");
}
