using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Benchmarks;

public sealed record Wing(int Id, string Name, bool Active);

public sealed record WingInput(string? Name);

public sealed record WingEnvelope(Wing? Data);

public sealed record WingListEnvelope(List<Wing>? Data);

public sealed record PageMeta(int Page, int TotalPages);

public sealed record WingPageEnvelope(List<Wing>? Data, PageMeta? Meta);

public sealed record ErrorBody(string? Code, string? Description);

public sealed record ErrorEnvelope(ErrorBody? Error);

/// <summary>
/// Every type any benchmark reads or writes. The peers get this context's options (Refit its
/// source-generated path), so each library deserializes from generated metadata: the comparison is of
/// the libraries, not of reflection against source generation.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(WingInput))]
[JsonSerializable(typeof(List<Wing>))]
[JsonSerializable(typeof(WingEnvelope))]
[JsonSerializable(typeof(WingListEnvelope))]
[JsonSerializable(typeof(WingPageEnvelope))]
[JsonSerializable(typeof(ErrorEnvelope))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext;
