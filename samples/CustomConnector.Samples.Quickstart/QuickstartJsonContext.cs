using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Samples.Quickstart;

/// <summary>
/// Source-generated JSON metadata for the quickstart's types: no reflection, so trimming and
/// native AOT keep working. <see cref="JsonSerializerDefaults.Web"/> makes it read and write
/// camelCase (<c>"id"</c> into <c>Id</c>), as the API does; without it, names must match exactly.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(Wing[]))]
[JsonSerializable(typeof(WingInput))]
[JsonSerializable(typeof(Hangar))]
[JsonSerializable(typeof(Flight[]))]
public sealed partial class QuickstartJsonContext : JsonSerializerContext;
