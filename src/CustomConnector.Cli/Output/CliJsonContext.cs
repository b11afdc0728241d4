using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Cli.Output;

/// <summary>Source-generated JSON metadata for what the tool reads from responses: any JSON value.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
