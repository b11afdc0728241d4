using Microsoft.Extensions.Logging;

/// <summary>Counts the Redis outage warnings (event 410) the instance logs.</summary>
internal sealed class WarningCounter : ILoggerProvider, ILogger
{
    private int _redisUnavailable;

    public int RedisUnavailable => Volatile.Read(ref _redisUnavailable);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == 410)
        {
            Interlocked.Increment(ref _redisUnavailable);
        }
    }

    public void Dispose()
    {
    }
}
