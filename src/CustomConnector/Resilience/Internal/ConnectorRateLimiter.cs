using System.Threading.RateLimiting;

namespace CustomConnector.Internal;

/// <summary>
/// The connector's client-side rate limit, measured on the connector's <see cref="TimeProvider"/>:
/// a fixed window (<c>PermitLimit</c> per <c>Window</c>) or a token bucket (<c>PermitLimit</c> tokens
/// at most, one more every <c>Window / PermitLimit</c>), with a bounded first-in, first-out queue.
/// </summary>
/// <remarks>
/// The runtime's limiters time their windows with <see cref="System.Diagnostics.Stopwatch"/> even
/// when replenished by hand: on a fake clock they never refill, and on the real one a fixed window
/// skips a whole refill when its timer fires a hair early. Here every refill is computed from the
/// connector's clock, and a timer runs only while callers wait.
/// </remarks>
internal sealed class ConnectorRateLimiter : IDisposable
{
    private static readonly TimeSpan MinWakeUp = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest a system timer can be set for (about 49.7 days); a longer wait re-arms when it fires.</summary>
    private static readonly TimeSpan MaxWakeUp = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private static readonly RateLimitLease Acquired = new Lease(isAcquired: true, retryAfter: null);

    private readonly object _lock = new();
    private readonly Queue<Waiter> _queue = new();
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly bool _isBucket;
    private readonly int _permitLimit;
    private readonly int _queueLimit;

    /// <summary>Timestamp units between refills: the window, or the time one token takes.</summary>
    private readonly long _refillInterval;

    /// <summary>The timestamp of the last refill boundary passed.</summary>
    private long _lastRefill;
    private int _available;
    private int _queued;
    private bool _timerArmed;
    private bool _disposed;

    public ConnectorRateLimiter(ConnectorRateLimitOptions options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _isBucket = options.Kind == ConnectorRateLimitKind.TokenBucket;
        _permitLimit = options.PermitLimit;
        _queueLimit = options.QueueLimit;
        var window = options.Window.TotalSeconds * timeProvider.TimestampFrequency;
        _refillInterval = Math.Max(1, (long)(_isBucket ? window / options.PermitLimit : window));
        _lastRefill = timeProvider.GetTimestamp();
        _available = _permitLimit;
        _timer = timeProvider.CreateTimer(static state => ((ConnectorRateLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Takes a permit, waits in the queue for one, or returns a lease that is not acquired (with <c>RetryAfter</c>) when the queue is full.</summary>
    /// <exception cref="ObjectDisposedException">The limiter was disposed, before or while waiting.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
        }

        Waiter waiter;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetTimestamp();
            Refill(now);
            if (_available > 0)
            {
                // Refill serves the queue first, so a permit left over means nobody is waiting.
                _available--;
                return new(Acquired);
            }

            if (_queued >= _queueLimit)
            {
                return new(new Lease(isAcquired: false, RetryAfter(now)));
            }

            waiter = new Waiter(this);
            _queue.Enqueue(waiter);
            _queued++;
            ArmTimer(now);
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(waiter, cancellationToken) : new(waiter.Task);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_queue.TryDequeue(out var waiter))
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(ConnectorRateLimiter), "The connector was disposed while the call waited for its client-side rate limit."));
            }

            _queued = 0;
        }

        _timer.Dispose();
    }

    private static async ValueTask<RateLimitLease> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Adds what the clock says is due since the last refill, then hands permits to waiters, oldest first.</summary>
    private void Refill(long now)
    {
        var intervals = (now - _lastRefill) / _refillInterval;
        if (intervals > 0)
        {
            _lastRefill += intervals * _refillInterval;
            _available = _isBucket ? (int)Math.Min(_permitLimit, _available + intervals) : _permitLimit;
        }

        while (_available > 0 && _queue.TryPeek(out var waiter))
        {
            _queue.Dequeue();
            if (waiter.TrySetResult(Acquired))
            {
                _available--;
                _queued--;
            }
        }
    }

    /// <summary>How long until a caller arriving now, behind those already queued, would get a permit.</summary>
    private TimeSpan RetryAfter(long now)
    {
        // Permits come PermitLimit per window (fixed window) or one per interval (bucket).
        long intervalsNeeded = _isBucket ? _queued + 1 : 1 + (_queued / _permitLimit);
        var due = _lastRefill + (intervalsNeeded * _refillInterval) - now;
        return ToTimeSpan(due);
    }

    private void ArmTimer(long now)
    {
        if (_timerArmed)
        {
            return;
        }

        var due = ToTimeSpan(_lastRefill + _refillInterval - now);
        _timer.Change(due < MinWakeUp ? MinWakeUp : due > MaxWakeUp ? MaxWakeUp : due, Timeout.InfiniteTimeSpan);
        _timerArmed = true;

        // The clock may have passed the refill while the due time was worked out from an older reading,
        // leaving the timer set a whole interval late: refill now rather than strand the waiters.
        var after = _timeProvider.GetTimestamp();
        if (after - _lastRefill >= _refillInterval)
        {
            Refill(after);
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _timerArmed = false;
            if (_disposed)
            {
                return;
            }

            var now = _timeProvider.GetTimestamp();
            Refill(now);
            if (_queued > 0)
            {
                ArmTimer(now);
            }
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // It stays in the queue and is skipped when its turn comes; the count frees its place now.
            if (waiter.TrySetCanceled(cancellationToken))
            {
                _queued--;
            }
        }
    }

    /// <summary>Converts timestamp units to a time span, rounding up so that a wake-up is never early.</summary>
    private TimeSpan ToTimeSpan(long timestampUnits) =>
        TimeSpan.FromTicks((long)Math.Ceiling(Math.Max(0, timestampUnits) * ((double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency)));

    private sealed class Waiter(ConnectorRateLimiter limiter) : TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public void Cancel(CancellationToken cancellationToken) => limiter.Cancel(this, cancellationToken);
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
