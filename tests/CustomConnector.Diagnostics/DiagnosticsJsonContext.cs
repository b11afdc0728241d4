using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Diagnostics;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(ItemPage))]
internal sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
