using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.Tests.Resilience;

/// <summary>
/// Fake time that also records every one-shot timer the client starts (retry waits, the call's
/// total timeout), in creation order, and whether each has fired. A test can so wait for the
/// client to start its backoff, read how long it is, and know without any race that the next
/// attempt cannot have started before the timer fired.
/// </summary>
internal sealed class WatchedTime : FakeTimeProvider
{
    private readonly List<WatchedTimer> _timers = [];
    private readonly List<(int Index, TaskCompletionSource<WatchedTimer> Waiter)> _waiters = [];

    public WatchedTime()
        : base(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Gets how long a signal may take before a test gives up; never the behaviour under test.</summary>
    public static TimeSpan SafetyTimeout { get; } = TimeSpan.FromSeconds(10);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Periodic timers are not watched. A timer created unarmed and set later with Change (as Polly's
        // timeouts and CancellationTokenSource.CancelAfter do) is watched from the moment it is armed.
        if (period != Timeout.InfiniteTimeSpan)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var armed = new ArmedTimer(this);
        armed.Inner = base.CreateTimer(
            s =>
            {
                if (armed.Watched is { } watched)
                {
                    watched.Fired = true;
                }

                callback(s);
            },
            state,
            dueTime,
            period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            armed.Watched = Watch(dueTime);
        }

        return armed;
    }

    private WatchedTimer Watch(TimeSpan dueTime)
    {
        var watched = new WatchedTimer(dueTime);
        List<TaskCompletionSource<WatchedTimer>> ready = [];
        lock (_timers)
        {
            _timers.Add(watched);
            var index = _timers.Count - 1;
            foreach (var waiter in _waiters.FindAll(w => w.Index == index))
            {
                ready.Add(waiter.Waiter);
            }

            _waiters.RemoveAll(w => w.Index == index);
        }

        foreach (var waiter in ready)
        {
            waiter.TrySetResult(watched);
        }

        return watched;
    }

    public Task<WatchedTimer> TimerAsync(int index)
    {
        lock (_timers)
        {
            if (index < _timers.Count)
            {
                return Task.FromResult(_timers[index]);
            }

            var waiter = new TaskCompletionSource<WatchedTimer>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((index, waiter));
            return waiter.Task.WaitAsync(SafetyTimeout);
        }
    }

    /// <summary>Gets how many one-shot timers were started so far.</summary>
    public int TimerCount
    {
        get
        {
            lock (_timers)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>A one-shot timer that becomes watched when it is first armed.</summary>
    private sealed class ArmedTimer(WatchedTime time) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public WatchedTimer? Watched { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Watched is null && dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan)
            {
                Watched = time.Watch(dueTime);
            }

            return Inner.Change(dueTime, period);
        }

        public void Dispose() => Inner.Dispose();

        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }
}
