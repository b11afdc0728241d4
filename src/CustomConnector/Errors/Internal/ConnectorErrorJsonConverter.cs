using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Internal;

/// <summary>
/// Reads the error object, accepting <c>code</c> as a string or a number and a few common
/// spellings of the description, and writes it back in the convention's shape.
/// </summary>
internal sealed class ConnectorErrorJsonConverter : JsonConverter<ConnectorError>
{
    public override ConnectorError? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                // {"error": "invalid_request"}: a bare code, as OAuth-style APIs send.
                return new ConnectorError(reader.GetString()!, string.Empty);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException($"The error property holds a {reader.TokenType}; the convention is an object with 'code' and 'description'.");
        }

        string? code = null;
        string? description = null;
        string? fallbackDescription = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isCode = reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("Code"u8);
            var isDescription = !isCode && (reader.ValueTextEquals("description"u8) || reader.ValueTextEquals("Description"u8));
            var isMessage = !isCode && !isDescription && (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8));
            reader.Read();
            if (isCode)
            {
                code = ReadScalar(ref reader);
            }
            else if (isDescription)
            {
                description = ReadScalar(ref reader);
            }
            else if (isMessage)
            {
                fallbackDescription = ReadScalar(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new ConnectorError(code ?? string.Empty, description ?? fallbackDescription ?? string.Empty);
    }

    public override void Write(Utf8JsonWriter writer, ConnectorError value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("code"u8, value.Code);
        writer.WriteString("description"u8, value.Description);
        writer.WriteEndObject();
    }

    private static string? ReadScalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number)
                    ? number.ToString(CultureInfo.InvariantCulture)
                    : reader.GetDouble().ToString(CultureInfo.InvariantCulture);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                return null;
        }
    }
}
