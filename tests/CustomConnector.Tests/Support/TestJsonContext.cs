using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Tests;

/// <summary>Source-generated metadata for the payloads and bodies the tests use, with the web defaults.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(List<Wing>))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(MutableOrder))]
[JsonSerializable(typeof(int))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
