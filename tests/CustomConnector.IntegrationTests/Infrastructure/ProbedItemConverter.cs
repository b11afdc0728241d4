using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.IntegrationTests;

/// <summary>Reads a <see cref="ProbedItem"/> and reports it to the current <see cref="StreamProbe"/>.</summary>
internal sealed class ProbedItemConverter : JsonConverter<ProbedItem>
{
    public override ProbedItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A probed item is an object.");
        }

        var id = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId)
            {
                id = reader.GetInt32();
            }
            else if (!reader.TrySkip())
            {
                // The serializer reads a converter's whole value ahead, so this cannot happen.
                throw new JsonException("A probed item arrived incomplete.");
            }
        }

        StreamProbe.OnItemRead();
        return new ProbedItem(id);
    }

    public override void Write(Utf8JsonWriter writer, ProbedItem value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, value.Id);
        writer.WriteEndObject();
    }
}
