using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.Samples.Aot;

/// <summary>
/// Source-generated JSON metadata: with it every call below uses the <c>JsonTypeInfo</c> overloads, which
/// need no reflection, so the program compiles ahead of time without a trimming or AOT warning.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
[JsonSerializable(typeof(WingInput))]
public sealed partial class AotJsonContext : JsonSerializerContext;
