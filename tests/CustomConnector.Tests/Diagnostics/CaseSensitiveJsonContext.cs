using System.Text.Json.Serialization;

namespace CustomConnector.Tests.Diagnostics;

/// <summary>The classic mistake: source-generated metadata without <c>JsonSerializerDefaults.Web</c>, so "id" does not fill Id.</summary>
[JsonSerializable(typeof(Wing))]
internal sealed partial class CaseSensitiveJsonContext : JsonSerializerContext;
