using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Samples.Testing;

/// <summary>Source-generated JSON for the sample's types, with the web defaults (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(Wing[]))]
[JsonSerializable(typeof(NewWing))]
public sealed partial class WingsJsonContext : JsonSerializerContext;
