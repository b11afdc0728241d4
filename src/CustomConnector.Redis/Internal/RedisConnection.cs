using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CustomConnector.Internal;

/// <summary>
/// One connector's connection to Redis, shared by its token cache and rate limiter, and the state of an
/// outage: operations go to Redis while it answers; after a failure they skip it (so calls do not each pay
/// a timeout) until the client reports it connected again or a probe interval has passed. One Warning per
/// outage, one Information when it ends.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly object _lock = new();
    private Task<IConnectionMultiplexer>? _connecting;
    private bool _down;
    private long _downSince;
    private long _lastProbe;

    public RedisConnection(string connectorName, RedisConnectorOptions options, ILogger logger, TimeProvider timeProvider)
    {
        ConnectorName = connectorName;
        Options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _configuration = CreateConfiguration(options);
    }

    public string ConnectorName { get; }

    public RedisConnectorOptions Options { get; }

    public ILogger Logger => _logger;

    /// <summary>Gets the client once a first operation created it (tests wait for its reconnect events).</summary>
    internal Task<IConnectionMultiplexer>? ConnectingForTests => _connecting;

    /// <summary>Gets a value indicating whether an outage is in progress.</summary>
    public bool IsDown => Volatile.Read(ref _down);

    /// <summary>The configuration StackExchange.Redis gets: never aborts on a failed connect, fails fast while disconnected, reconnects quickly.</summary>
    public static ConfigurationOptions CreateConfiguration(RedisConnectorOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        var timeout = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = Math.Max(timeout, 1000);
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 2000);
        return configuration;
    }

    /// <summary>Returns the client when Redis should be tried now, else <see langword="null"/> (an outage, and no probe due).</summary>
    public async ValueTask<IConnectionMultiplexer?> TryGetAsync()
    {
        var connecting = _connecting;
        if (connecting is null)
        {
            lock (_lock)
            {
                // AbortOnConnectFail = false: this returns (disconnected) even when Redis is down, and reconnects later.
                connecting = _connecting ??= ConnectionMultiplexer.ConnectAsync(_configuration).ContinueWith(static t => (IConnectionMultiplexer)t.Result, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        IConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await connecting.WaitAsync(Options.OperationTimeout + TimeSpan.FromMilliseconds(_configuration.ConnectTimeout), _timeProvider).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ReportFailure(exception);
            if (connecting.IsFaulted)
            {
                lock (_lock)
                {
                    if (ReferenceEquals(_connecting, connecting))
                    {
                        _connecting = null;
                    }
                }
            }

            return null;
        }

        if (!IsDown || multiplexer.IsConnected)
        {
            return multiplexer;
        }

        // Down and still disconnected: try once per probe interval (the client's own reconnect may lag).
        var now = _timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastProbe);
        if (_timeProvider.GetElapsedTime(last, now) >= RedisDefaults.OutageProbe && Interlocked.CompareExchange(ref _lastProbe, now, last) == last)
        {
            return multiplexer;
        }

        return null;
    }

    /// <summary>Runs one Redis operation within <see cref="RedisConnectorOptions.OperationTimeout"/>.</summary>
    public async ValueTask<T> RunAsync<T>(Task<T> operation, CancellationToken cancellationToken)
    {
        var result = await operation.WaitAsync(Options.OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        ReportSuccess();
        return result;
    }

    /// <summary>Records that Redis failed: the first failure of an outage logs one Warning.</summary>
    public void ReportFailure(Exception exception)
    {
        lock (_lock)
        {
            _lastProbe = _timeProvider.GetTimestamp();
            if (_down)
            {
                return;
            }

            _down = true;
            _downSince = _lastProbe;
        }

        RedisLog.RedisUnavailable(_logger, ConnectorName, Describe(exception));
    }

    /// <summary>Records that Redis answered: ends an outage.</summary>
    public void ReportSuccess()
    {
        if (!Volatile.Read(ref _down))
        {
            return;
        }

        long since;
        lock (_lock)
        {
            if (!_down)
            {
                return;
            }

            _down = false;
            since = _downSince;
        }

        var outageSeconds = _timeProvider.GetElapsedTime(since).TotalSeconds;
        RedisLog.RedisRecovered(_logger, ConnectorName, outageSeconds);
        Recovered?.Invoke();
    }

    /// <summary>Raised when an outage ends (the token cache writes back what it fetched meanwhile).</summary>
    public event Action? Recovered;

    /// <summary>Whether an exception means Redis failed (as opposed to the caller cancelling).</summary>
    public static bool IsRedisFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Closes the connection (a container disposed synchronously calls this).</summary>
    public void Dispose()
    {
        if (_connecting is { IsCompletedSuccessfully: true } connecting)
        {
            connecting.Result.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connecting is { } connecting)
        {
            try
            {
                var multiplexer = await connecting.ConfigureAwait(false);
                await multiplexer.DisposeAsync().ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Never connected: nothing to close.
            }
        }
    }

    /// <summary>The exception's kind and message, without the endpoint's password (StackExchange.Redis never prints it).</summary>
    private static string Describe(Exception exception) => exception switch
    {
        TimeoutException => "no answer within the operation timeout",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
