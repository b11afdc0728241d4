using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Internal;

/// <summary>Skips whatever value stands where data would be: a call without a payload type reads no data.</summary>
internal sealed class NoDataConverter : JsonConverter<ConnectorNoData>
{
    public override bool HandleNull => true;

    public override ConnectorNoData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, ConnectorNoData value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNullValue();
    }
}
