using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// Reports, from inside deserialization, how many <see cref="ProbedItem"/>s have been read so far.
/// It is how a test knows the client is parsing the body while the server still holds the rest of
/// it back: proof of streaming, and a deterministic "mid-body" moment for faults and timeouts.
/// </summary>
public sealed class StreamProbe
{
    private static readonly AsyncLocal<StreamProbe?> CurrentProbe = new();
    private readonly TaskCompletionSource _firstItem = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _itemsRead;

    public int ItemsRead => Volatile.Read(ref _itemsRead);

    /// <summary>Gets a task that completes when the client has deserialized its first item.</summary>
    public Task FirstItemRead => _firstItem.Task;

    /// <summary>Installs a probe for the calling async flow (the client's deserialization runs in it).</summary>
    public static StreamProbe Install()
    {
        var probe = new StreamProbe();
        CurrentProbe.Value = probe;
        return probe;
    }

    internal static void OnItemRead()
    {
        if (CurrentProbe.Value is { } probe)
        {
            Interlocked.Increment(ref probe._itemsRead);
            probe._firstItem.TrySetResult();
        }
    }
}

[JsonConverter(typeof(ProbedItemConverter))]
public sealed record ProbedItem(int Id);

internal sealed class ProbedItemConverter : JsonConverter<ProbedItem>
{
    public override ProbedItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A probed item is an object.");
        }

        var id = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId)
            {
                id = reader.GetInt32();
            }
            else if (!reader.TrySkip())
            {
                // The serializer reads a converter's whole value ahead, so this cannot happen.
                throw new JsonException("A probed item arrived incomplete.");
            }
        }

        StreamProbe.OnItemRead();
        return new ProbedItem(id);
    }

    public override void Write(Utf8JsonWriter writer, ProbedItem value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, value.Id);
        writer.WriteEndObject();
    }
}
