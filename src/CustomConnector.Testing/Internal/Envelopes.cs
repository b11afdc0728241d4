using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CustomConnector.Testing.Internal;

/// <summary>Writes the connector convention's bodies: <c>{"data": ...}</c> and <c>{"error": {"code", "description"}}</c>.</summary>
internal static class Envelopes
{
    public static string Data(string dataProperty, string json)
    {
        if (dataProperty.Length == 0)
        {
            return json;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(dataProperty);
            writer.WriteRawValue(json);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Error(string errorProperty, string code, string description)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(errorProperty);
            writer.WriteString("code", code);
            writer.WriteString("description", description);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static HttpResponseMessage Response(HttpStatusCode statusCode, string? content, string mediaType, TimeSpan? retryAfter)
    {
        var response = new HttpResponseMessage(statusCode);
        if (content is not null)
        {
            response.Content = new StringContent(content, Encoding.UTF8, mediaType);
        }

        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)));
        }

        return response;
    }

    public static string Code(HttpStatusCode statusCode) => ((int)statusCode).ToString(CultureInfo.InvariantCulture);
}
