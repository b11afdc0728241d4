using System.Text;
using System.Text.Json;
using CustomConnector.Cli.Output;

namespace CustomConnector.Cli.OpenApi;

/// <summary>A connector definition made from an OpenAPI document, and everything the import could not map.</summary>
internal sealed class ImportedDefinition
{
    public string? Title { get; set; }

    public string? BaseAddress { get; set; }

    /// <summary>Gets the Authentication section (no secrets: those come from the environment).</summary>
    public Dictionary<string, string> Authentication { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the authentication keys that need a secret value, such as <c>Password</c>.</summary>
    public List<string> SecretKeys { get; } = [];

    public List<ImportedEndpoint> Endpoints { get; } = [];

    /// <summary>Gets what was not mapped, one line each: never dropped silently.</summary>
    public List<string> Unmapped { get; } = [];

    /// <summary>Writes the definition as JSON with comments (which configuration's JSON reader skips).</summary>
    public string ToJson(string source, string environmentPrefix)
    {
        return JsonText.Write(
            writer =>
            {
                writer.WriteCommentValue($" Imported by customconnector from {Safe(source)}{(Title is null ? string.Empty : $" ({Safe(Title)})")}. ");
                foreach (var key in SecretKeys)
                {
                    writer.WriteCommentValue($" Secret: set {environmentPrefix}Authentication__{key} or pass --secret {key}=... ");
                }

                foreach (var line in Unmapped)
                {
                    writer.WriteCommentValue($" Not mapped: {Safe(line)} ");
                }

                writer.WriteStartObject();
                writer.WriteString(nameof(BaseAddress), BaseAddress);
                if (Authentication.Count > 0)
                {
                    WriteMap(writer, "Authentication", Authentication);
                }

                writer.WriteStartObject(nameof(Endpoints));
                foreach (var endpoint in Endpoints)
                {
                    writer.WritePropertyName(endpoint.Name);
                    writer.WriteStartObject();
                    foreach (var note in endpoint.Notes)
                    {
                        writer.WriteCommentValue($" {Safe(note)} ");
                    }

                    writer.WriteString("Method", endpoint.Method);
                    writer.WriteString("Path", endpoint.Path);
                    if (endpoint.Query.Count > 0)
                    {
                        WriteMap(writer, "Query", endpoint.Query);
                    }

                    if (endpoint.Pagination.Count > 0)
                    {
                        WriteMap(writer, "Pagination", endpoint.Pagination);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            },
            indented: true);
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, Dictionary<string, string> values)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.Replace("*/", "* /").ToString();
    }
}
