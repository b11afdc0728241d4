using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>A JSON body serialized by reflection with the client's serializer options, at send time.</summary>
internal sealed class ReflectionJsonEndpointBody<T>(T value) : EndpointBody
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only created by WithJsonBody<T>(T), which carries RequiresUnreferencedCode.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only created by WithJsonBody<T>(T), which carries RequiresDynamicCode.")]
    public override HttpContent CreateContent(JsonSerializerOptions serializerOptions) =>
        CreateJsonContent(JsonSerializer.SerializeToUtf8Bytes(value, serializerOptions));
}
