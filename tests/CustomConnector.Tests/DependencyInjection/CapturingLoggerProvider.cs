using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Tests.DependencyInjection;

/// <summary>Keeps every log message and every value of its structured state, as a log sink would.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IEnumerable<string> Everything => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            Record(state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            entries.Enqueue($"{category}: {formatter(state, exception)}");
            Record(state);
        }

        private void Record<TState>(TState state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entries.Enqueue($"{category}: {key}={Describe(value)}");
                }
            }
        }

        private static string Describe(object? value) => value switch
        {
            null => "null",
            string text => text,
            System.Collections.IEnumerable items => string.Join(";", items.Cast<object?>().Select(Describe)),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
