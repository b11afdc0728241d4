using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Samples.Hosting;

/// <summary>A wing: <c>{"id": 1001, "name": "Wing"}</c>.</summary>
public sealed record Wing(int Id, string Name);

/// <summary>The body of <c>createWing</c>.</summary>
public sealed record NewWing(string Name);

/// <summary>The API-key protected hangar.</summary>
public sealed record Hangar(string Name, int Capacity, int Parked);

/// <summary>A flight from the OAuth2-protected connector.</summary>
public sealed record Flight(string Number, int WingId, string Destination);

/// <summary>Source-generated JSON for the sample's types, with the web defaults (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(Wing[]))]
[JsonSerializable(typeof(NewWing))]
[JsonSerializable(typeof(Hangar))]
[JsonSerializable(typeof(Flight[]))]
public sealed partial class HostingJsonContext : JsonSerializerContext;
