using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>Describes <see cref="PayloadBox{T}"/> for one payload type, so the envelope's metadata needs no reflection.</summary>
internal sealed class PayloadBoxResolver<T>(JsonTypeInfo<T> payloadTypeInfo) : IJsonTypeInfoResolver
{
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        type == typeof(PayloadBox<T>)
            ? JsonMetadataServices.CreateValueInfo<PayloadBox<T>>(options, new PayloadBoxConverter<T>(payloadTypeInfo))
            : null;
}
