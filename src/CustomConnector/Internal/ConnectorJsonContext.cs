using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Internal;

/// <summary>Source-generated metadata for the library's own JSON, so that none of it needs reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConnectorError))]
[JsonSerializable(typeof(ConnectorNoData))]
[JsonSerializable(typeof(OAuth2TokenResponse))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ConnectorJsonContext : JsonSerializerContext;
