using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Testing.Tests;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(Wing[]))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
