using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>A JSON body serialized with source-generated (trimming-safe) metadata, at send time.</summary>
internal sealed class JsonEndpointBody<T>(T value, JsonTypeInfo<T> typeInfo) : EndpointBody
{
    public override HttpContent CreateContent(JsonSerializerOptions serializerOptions) =>
        CreateJsonContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
}

/// <summary>A JSON body serialized by reflection with the client's serializer options, at send time.</summary>
internal sealed class ReflectionJsonEndpointBody<T>(T value) : EndpointBody
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only created by WithJsonBody<T>(T), which carries RequiresUnreferencedCode.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only created by WithJsonBody<T>(T), which carries RequiresDynamicCode.")]
    public override HttpContent CreateContent(JsonSerializerOptions serializerOptions) =>
        CreateJsonContent(JsonSerializer.SerializeToUtf8Bytes(value, serializerOptions));
}
