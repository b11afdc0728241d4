using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.IntegrationTests;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(List<Wing>))]
[JsonSerializable(typeof(CreateWing))]
[JsonSerializable(typeof(List<ProbedItem>))]
internal sealed partial class IntegrationJsonContext : JsonSerializerContext;
