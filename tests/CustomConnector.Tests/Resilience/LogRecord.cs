using Microsoft.Extensions.Logging;

namespace CustomConnector.Tests.Resilience;

/// <summary>One log event as <see cref="RecordingLoggerProvider"/> saw it.</summary>
internal sealed record LogRecord(LogLevel Level, string? EventName, string Message, IReadOnlyDictionary<string, object?> Values);
