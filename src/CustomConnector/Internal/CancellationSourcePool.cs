using System.Collections.Concurrent;

namespace CustomConnector.Internal;

/// <summary>
/// Reuses the cancellation sources that carry a call's time budget, so that a call does not
/// allocate a source and a timer of its own (most calls finish in time and can hand theirs back).
/// </summary>
internal sealed class CancellationSourcePool(TimeProvider timeProvider)
{
    private const int MaxPooled = 64;

    private readonly ConcurrentQueue<CancellationTokenSource> _free = new();
    private int _pooled;

    public CancellationTokenSource Rent(TimeSpan delay)
    {
        if (_free.TryDequeue(out var source))
        {
            Interlocked.Decrement(ref _pooled);
            source.CancelAfter(delay);
            return source;
        }

        // Armed at creation: a source on another clock (a fake one in tests) starts its timer due.
        return new CancellationTokenSource(delay, timeProvider);
    }

    public void Return(CancellationTokenSource source)
    {
        // TryReset succeeds only for a source that was not cancelled and whose timer could be stopped.
        if (source.TryReset())
        {
            if (Interlocked.Increment(ref _pooled) <= MaxPooled)
            {
                _free.Enqueue(source);
                return;
            }

            Interlocked.Decrement(ref _pooled);
        }

        source.Dispose();
    }
}
