using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>Source-generated JSON for everything the demo API reads and writes (camelCase, as web APIs do).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DataEnvelope<Wing>), TypeInfoPropertyName = "WingData")]
[JsonSerializable(typeof(DataEnvelope<Wing[]>), TypeInfoPropertyName = "WingListData")]
[JsonSerializable(typeof(DataEnvelope<Hangar>), TypeInfoPropertyName = "HangarData")]
[JsonSerializable(typeof(DataEnvelope<Flight[]>), TypeInfoPropertyName = "FlightListData")]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(WingInput))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OAuthErrorResponse))]
internal sealed partial class DemoApiJsonContext : JsonSerializerContext;
