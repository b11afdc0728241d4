namespace CustomConnector.Diagnostics;

/// <summary>
/// Samples the managed heap every millisecond on its own thread: the largest
/// <see cref="GC.GetTotalMemory(bool)"/> seen (live objects plus garbage not yet collected, the strict
/// figure) and the largest heap size right after a collection (what stays reachable).
/// </summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopping = new();
    private long _peakTotal;
    private long _peakAfterCollection;

    private HeapSampler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "heap sampler" };
    }

    public long PeakTotalBytes => Interlocked.Read(ref _peakTotal);

    public long PeakAfterCollectionBytes => Interlocked.Read(ref _peakAfterCollection);

    /// <summary>Collects everything collectable, then starts sampling from that clean baseline.</summary>
    public static HeapSampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var sampler = new HeapSampler();
        sampler._thread.Start();
        return sampler;
    }

    public void Dispose()
    {
        _stopping.Set();
        _thread.Join();
        _stopping.Dispose();
    }

    private void Run()
    {
        // Sample, then wait a millisecond, or less when asked to stop.
        do
        {
            Sample();
        }
        while (!_stopping.Wait(TimeSpan.FromMilliseconds(1)));

        Sample();
    }

    private void Sample()
    {
        var total = GC.GetTotalMemory(forceFullCollection: false);
        if (total > _peakTotal)
        {
            Interlocked.Exchange(ref _peakTotal, total);
        }

        var afterCollection = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        if (afterCollection > _peakAfterCollection)
        {
            Interlocked.Exchange(ref _peakAfterCollection, afterCollection);
        }
    }
}
