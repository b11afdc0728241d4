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
