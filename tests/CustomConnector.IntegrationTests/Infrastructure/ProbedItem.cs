using System.Text.Json.Serialization;

namespace CustomConnector.IntegrationTests;

/// <summary>An array item whose deserialization <see cref="StreamProbe"/> observes.</summary>
[JsonConverter(typeof(ProbedItemConverter))]
public sealed record ProbedItem(int Id);
