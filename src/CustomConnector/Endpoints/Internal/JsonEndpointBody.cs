using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>A JSON body serialized with source-generated (trimming-safe) metadata, at send time.</summary>
internal sealed class JsonEndpointBody<T>(T value, JsonTypeInfo<T> typeInfo) : EndpointBody
{
    public override HttpContent CreateContent(JsonSerializerOptions serializerOptions) =>
        CreateJsonContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
}
