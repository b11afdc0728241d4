using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Redis.Tests;

/// <summary>Keeps every log event, to count warnings and to check that no secret is logged.</summary>
internal sealed class RecordingLogger : ILogger, ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Events { get; } = new();

    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();

    public int Count(int eventId) => Events.Count(e => e.EventId == eventId);

    /// <summary>Completes when an event with <paramref name="eventId"/> is logged (or was already).</summary>
    public Task WaitForAsync(int eventId)
    {
        var waiter = _waiters.GetOrAdd(eventId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Count(eventId) > 0)
        {
            waiter.TrySetResult();
        }

        return waiter.Task;
    }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Events.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
        if (_waiters.TryGetValue(eventId.Id, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    public void Dispose()
    {
    }
}
