using System.Collections.Concurrent;

namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>The in-memory wings, safe to read and change from many requests at once.</summary>
internal sealed class WingStore
{
    private readonly ConcurrentDictionary<int, Wing> _wings = new();
    private int _lastId = 1000;

    public WingStore()
    {
        Add("Wing");
        Add("Swept Wing");
    }

    public int Count => _wings.Count;

    public Wing[] List() => [.. _wings.Values.OrderBy(wing => wing.Id)];

    public bool TryGet(int id, out Wing wing) => _wings.TryGetValue(id, out wing!);

    public Wing Add(string name)
    {
        var wing = new Wing(Interlocked.Increment(ref _lastId), name);
        _wings[wing.Id] = wing;
        return wing;
    }

    /// <summary>Renames a wing; false when there is no such wing.</summary>
    public bool TryRename(int id, string name)
    {
        while (_wings.TryGetValue(id, out var current))
        {
            if (_wings.TryUpdate(id, current with { Name = name }, current))
            {
                return true;
            }
        }

        return false;
    }
}
