using System.Threading.RateLimiting;
using CustomConnector.Internal;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.Tests.Resilience;

/// <summary>The client-side limiter by itself, on fake clocks of both timestamp resolutions.</summary>
public sealed class ConnectorRateLimiterTests
{
    [Theory]
    [InlineData(ConnectorRateLimitKind.FixedWindow)]
    [InlineData(ConnectorRateLimitKind.TokenBucket)]
    public async Task AcquireAsync_ClockWithNanosecondTimestamps_RefillsExactlyOnTime(ConnectorRateLimitKind kind)
    {
        // Stopwatch on Linux counts nanoseconds; FakeTimeProvider counts 100 ns ticks. Both must give the same windows.
        var time = new NanosecondClock();
        using var limiter = new ConnectorRateLimiter(Options(kind, permits: 1, queue: 1), time);

        using var first = await limiter.AcquireAsync(CancellationToken.None);
        var waiting = limiter.AcquireAsync(CancellationToken.None).AsTask();
        time.Fake.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.False(waiting.IsCompleted);
        time.Fake.Advance(TimeSpan.FromTicks(1));

        using var second = await waiting.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_ClockPassesTheRefillWhileACallerQueues_ServesItWithoutWaitingAnotherWindow()
    {
        // The clock moves after the limiter read it and before it set its timer, as a test's
        // Advance can on another thread: the timer would be set a whole window late.
        var time = new ClockThatMovesOnRead { MoveOnRead = 3, Move = TimeSpan.FromSeconds(1) };
        using var limiter = new ConnectorRateLimiter(Options(ConnectorRateLimitKind.FixedWindow, permits: 1, queue: 1), time);
        using var first = await limiter.AcquireAsync(CancellationToken.None);

        var second = limiter.AcquireAsync(CancellationToken.None).AsTask();

        using var lease = await second.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_ReturnsRejectedLeaseWithTimeUntilItsTurn()
    {
        var time = new FakeTimeProvider();
        using var limiter = new ConnectorRateLimiter(Options(ConnectorRateLimitKind.FixedWindow, permits: 2, queue: 2), time);
        await limiter.AcquireAsync(CancellationToken.None);
        await limiter.AcquireAsync(CancellationToken.None);
        _ = limiter.AcquireAsync(CancellationToken.None).AsTask();
        _ = limiter.AcquireAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(250));

        using var rejected = await limiter.AcquireAsync(CancellationToken.None);

        Assert.False(rejected.IsAcquired);
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(1750), retryAfter); // the next window goes to the two queued callers
    }

    [Fact]
    public async Task Dispose_CallersWaiting_FailsThemAndLaterCallsWithObjectDisposed()
    {
        var time = new FakeTimeProvider();
        var limiter = new ConnectorRateLimiter(Options(ConnectorRateLimitKind.TokenBucket, permits: 1, queue: 5), time);
        await limiter.AcquireAsync(CancellationToken.None);
        var waiting = limiter.AcquireAsync(CancellationToken.None).AsTask();

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(WatchedTime.SafetyTimeout));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => limiter.AcquireAsync(CancellationToken.None).AsTask());
    }

    private static ConnectorRateLimitOptions Options(ConnectorRateLimitKind kind, int permits, int queue) => new()
    {
        Kind = kind,
        PermitLimit = permits,
        QueueLimit = queue,
        Window = TimeSpan.FromSeconds(1),
    };

    /// <summary>Fake time read through nanosecond timestamps, as <see cref="System.Diagnostics.Stopwatch"/> gives them on Linux.</summary>
    private sealed class NanosecondClock : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = new();

        public override long TimestampFrequency => 1_000_000_000;

        public override long GetTimestamp() => Fake.GetTimestamp() * (TimestampFrequency / Fake.TimestampFrequency);

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Fake time that jumps forward right after its <see cref="MoveOnRead"/>th timestamp read, returning the old reading.</summary>
    private sealed class ClockThatMovesOnRead : FakeTimeProvider
    {
        private int _reads;

        public int MoveOnRead { get; init; }

        public TimeSpan Move { get; init; }

        public override long GetTimestamp()
        {
            var timestamp = base.GetTimestamp();
            if (Interlocked.Increment(ref _reads) == MoveOnRead)
            {
                Advance(Move);
            }

            return timestamp;
        }
    }
}
