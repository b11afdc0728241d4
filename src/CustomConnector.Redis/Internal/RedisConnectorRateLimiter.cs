using System.Threading.RateLimiting;
using RedisRateLimiting;

namespace CustomConnector.Internal;

/// <summary>
/// The connector's rate limit shared by every instance through Redis (RedisRateLimiting's fixed window,
/// sliding window or token bucket), with an in-process limiter of <see cref="RedisRateLimitOptions.FallbackPermitLimit"/>
/// while Redis is unreachable.
/// </summary>
/// <remarks>
/// RedisRateLimiting's window limiters refuse at once when the window is spent; the connector's call
/// would then fail. Here a refused call waits (up to <see cref="RedisRateLimitOptions.QueueLimit"/> calls
/// of this instance at a time, each bounded by its own cancellation, that is its timeout) and asks again
/// every <see cref="RedisRateLimitOptions.PollInterval"/> or at the lease's <c>RetryAfter</c>, whichever is sooner.
/// </remarks>
internal sealed class RedisConnectorRateLimiter : RateLimiter
{
    private readonly RedisConnection _connection;
    private readonly RedisRateLimitOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly RateLimiter _local;
    private readonly string _partition;
    private readonly object _lock = new();
    private RateLimiter? _redis;
    private int _waiting;

    public RedisConnectorRateLimiter(RedisConnection connection, RedisRateLimitOptions options, TimeProvider timeProvider)
    {
        _connection = connection;
        _options = options;
        _timeProvider = timeProvider;
        _partition = $"{connection.Options.KeyPrefix}:ratelimit:{options.PartitionName ?? connection.ConnectorName}";
        _local = CreateLocal(options);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Only the in-process limiter answers at once; the connector always calls <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var queued = false;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lease = await TryRedisAsync(permitCount, cancellationToken).ConfigureAwait(false);
                if (lease is null)
                {
                    // Redis unreachable: this instance's own limit.
                    return await _local.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
                }

                if (lease.IsAcquired)
                {
                    return lease;
                }

                if (!queued)
                {
                    if (Interlocked.Increment(ref _waiting) > _options.QueueLimit)
                    {
                        Interlocked.Decrement(ref _waiting);
                        return lease;
                    }

                    queued = true;
                }

                var delay = _options.PollInterval;
                if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero && retryAfter < delay)
                {
                    delay = retryAfter;
                }

                lease.Dispose();
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (queued)
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
            _redis?.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(disposing: true);
        return base.DisposeAsyncCore();
    }

    private static RateLimiter CreateLocal(RedisRateLimitOptions options)
    {
        var permits = options.FallbackPermitLimit ?? options.PermitLimit;
        return options.Kind switch
        {
            RedisRateLimitKind.SlidingWindow => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = options.Window,
                SegmentsPerWindow = 10,
                QueueLimit = options.QueueLimit,
                AutoReplenishment = true,
            }),
            RedisRateLimitKind.TokenBucket => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits,
                TokensPerPeriod = permits,
                ReplenishmentPeriod = options.Window,
                QueueLimit = options.QueueLimit,
                AutoReplenishment = true,
            }),
            _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = options.Window,
                QueueLimit = options.QueueLimit,
                AutoReplenishment = true,
            }),
        };
    }

    /// <summary>One try at the shared limit; <see langword="null"/> when Redis is unreachable.</summary>
    private async ValueTask<RateLimitLease?> TryRedisAsync(int permitCount, CancellationToken cancellationToken)
    {
        if (await _connection.TryGetAsync().ConfigureAwait(false) is not { } multiplexer)
        {
            return null;
        }

        try
        {
            var redis = GetRedisLimiter(multiplexer);
            return await _connection.RunAsync(redis.AcquireAsync(permitCount, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisConnection.IsRedisFailure(exception, cancellationToken))
        {
            _connection.ReportFailure(exception);
            return null;
        }
    }

    private RateLimiter GetRedisLimiter(StackExchange.Redis.IConnectionMultiplexer multiplexer)
    {
        if (Volatile.Read(ref _redis) is { } created)
        {
            return created;
        }

        lock (_lock)
        {
            return _redis ??= _options.Kind switch
            {
                RedisRateLimitKind.SlidingWindow => new RedisSlidingWindowRateLimiter<string>(_partition, new RedisSlidingWindowRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => multiplexer,
                    PermitLimit = _options.PermitLimit,
                    Window = _options.Window,
                }),
                RedisRateLimitKind.TokenBucket => new RedisTokenBucketRateLimiter<string>(_partition, new RedisTokenBucketRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => multiplexer,
                    TokenLimit = _options.PermitLimit,
                    TokensPerPeriod = _options.PermitLimit,
                    ReplenishmentPeriod = _options.Window,
                }),
                _ => new RedisFixedWindowRateLimiter<string>(_partition, new RedisFixedWindowRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => multiplexer,
                    PermitLimit = _options.PermitLimit,
                    Window = _options.Window,
                }),
            };
        }
    }
}
