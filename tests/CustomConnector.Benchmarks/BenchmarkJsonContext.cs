using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Benchmarks;

public sealed record Wing(int Id, string Name, bool Active);

public sealed record WingEnvelope(Wing? Data);

public sealed record WingListEnvelope(List<Wing>? Data);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(List<Wing>))]
[JsonSerializable(typeof(WingEnvelope))]
[JsonSerializable(typeof(WingListEnvelope))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext;
