using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// A POST body. Each call to <see cref="CreateContent"/> returns fresh content, so every attempt
/// and every redirect hop sends the body whole, and disposing a request never spoils the endpoint.
/// </summary>
internal abstract class EndpointBody
{
    public abstract HttpContent CreateContent(JsonSerializerOptions serializerOptions);

    protected static ByteArrayContent CreateJsonContent(byte[] utf8Json)
    {
        var content = new ByteArrayContent(utf8Json);
        content.Headers.TryAddWithoutValidation("Content-Type", ConnectorDefaults.JsonContentType);
        return content;
    }
}
