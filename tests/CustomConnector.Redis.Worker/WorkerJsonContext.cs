using System.Text.Json.Serialization;

/// <summary>The API's (empty) answer.</summary>
internal sealed record Empty;

[JsonSerializable(typeof(Empty))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
