using System.Threading.RateLimiting;

namespace CustomConnector.Tests.Resilience;

/// <summary>A rate limiter the host supplies (<see cref="ConnectorRateLimitOptions.Limiter"/>), such as one shared through Redis.</summary>
public sealed class ConnectorClientSuppliedRateLimiterTests
{
    private static readonly IConnectorEndpoint Ping = ConnectorEndpoint.Get("ping").WithName("ping").Build();

    [Fact]
    public async Task SendAsync_SuppliedLimiter_EveryAttemptTakesAPermitFromIt()
    {
        using var limiter = new CountingLimiter(grant: true);
        var options = new ConnectorClientOptions();
        options.Resilience.RateLimit.Limiter = limiter;
        using var connector = TestConnector.NoContent(options);

        for (var i = 0; i < 3; i++)
        {
            await connector.Client.SendAsync(Ping, TestJsonContext.Default.Wing).WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(3, limiter.Acquired);
        Assert.Equal(3, connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_SuppliedLimiterRefuses_FailsWithTooManyRequestsAndSendsNothing()
    {
        using var limiter = new CountingLimiter(grant: false);
        var options = new ConnectorClientOptions();
        options.Resilience.RateLimit.Limiter = limiter;
        options.Resilience.RateLimit.Kind = ConnectorRateLimitKind.FixedWindow; // ignored: the supplied limiter wins
        using var connector = TestConnector.NoContent(options);

        await Assert.ThrowsAsync<TooManyRequestsException>(() => connector.Client.SendAsync(Ping, TestJsonContext.Default.Wing).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Dispose_Client_LeavesTheSuppliedLimiterUsable()
    {
        using var limiter = new CountingLimiter(grant: true);
        var options = new ConnectorClientOptions();
        options.Resilience.RateLimit.Limiter = limiter;
        using (var connector = TestConnector.NoContent(options))
        {
            await connector.Client.SendAsync(Ping, TestJsonContext.Default.Wing).WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.False(limiter.Disposed);
    }

    private sealed class CountingLimiter(bool grant) : RateLimiter
    {
        private int _acquired;

        public int Acquired => Volatile.Read(ref _acquired);

        public bool Disposed { get; private set; }

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (grant)
            {
                Interlocked.Increment(ref _acquired);
            }

            return ValueTask.FromResult<RateLimitLease>(new Lease(grant));
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }

        private sealed class Lease(bool acquired) : RateLimitLease
        {
            public override bool IsAcquired => acquired;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }
}
