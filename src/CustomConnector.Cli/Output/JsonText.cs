using System.Text;
using System.Text.Json;

namespace CustomConnector.Cli.Output;

/// <summary>Writes JSON without reflection: pretty-printed values and one-document outputs.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static string Format(JsonElement element, bool indented) => Write(element.WriteTo, indented);

    public static void WriteHeaders(Utf8JsonWriter writer, string propertyName, IEnumerable<KeyValuePair<string, string>> headers)
    {
        writer.WriteStartObject(propertyName);
        var merged = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var (name, value) in headers)
        {
            if (!merged.TryGetValue(name, out var values))
            {
                merged[name] = values = [];
                order.Add(name);
            }

            values.Add(value);
        }

        foreach (var name in order)
        {
            writer.WriteString(name, string.Join(", ", merged[name]));
        }

        writer.WriteEndObject();
    }
}
