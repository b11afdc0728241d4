using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>Reads and writes a <see cref="PayloadBox{T}"/> through the payload's own metadata; JSON null never reaches it.</summary>
internal sealed class PayloadBoxConverter<T>(JsonTypeInfo<T> payloadTypeInfo) : JsonConverter<PayloadBox<T>>
{
    public override PayloadBox<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize(ref reader, payloadTypeInfo)!);

    public override void Write(Utf8JsonWriter writer, PayloadBox<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Value, payloadTypeInfo);
}
