using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Which types a measured loop allocates, from the runtime's allocation ticks (one event per ~100 KB
/// allocated, naming the type that crossed the line): a statistical profile, good enough to tell which
/// objects make up the bytes per call. On when the environment variable CC_ALLOC_TYPES is set.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, int> _ticks = new();
    private volatile bool _recording;

    public static bool Enabled => Environment.GetEnvironmentVariable("CC_ALLOC_TYPES") is { Length: > 0 };

    public void Start() => _recording = true;

    public void StopAndPrint(int top = 25)
    {
        _recording = false;
        var total = _ticks.Values.Sum();
        foreach (var (type, count) in _ticks.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"    {count * 100.0 / Math.Max(total, 1),5:F1}%  {type}");
        }

        _ticks.Clear();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: GCAllocationTick
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames!.IndexOf("TypeName");
        if (index >= 0 && eventData.Payload[index] is string type)
        {
            _ticks.AddOrUpdate(type, 1, static (_, n) => n + 1);
        }
    }
}
