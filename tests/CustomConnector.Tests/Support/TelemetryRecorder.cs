using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CustomConnector.Tests;

/// <summary>
/// Everything a test's code records: log records (a <see cref="FakeLogCollector"/> behind a logger factory,
/// every level), the activities of this test's own trace (under a root activity it starts, so parallel tests
/// do not mix), and a meter factory of its own. <see cref="AllTexts"/> gathers every string any of them holds.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private const string RootSourceName = "CustomConnector.Tests.Telemetry";
    private static readonly ActivitySource RootSource = new(RootSourceName);
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    public TelemetryRecorder()
    {
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new FakeLoggerProvider(Logs)));
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ConnectorDiagnostics.ActivitySourceName or RootSourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);

        // Becomes Activity.Current for the rest of the (synchronous part of the) calling test method.
        _root = RootSource.StartActivity("test root") ?? throw new InvalidOperationException("The root activity was not sampled.");
    }

    public FakeLogCollector Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public TestMeterFactory MeterFactory { get; } = new();

    public Activity Root => _root;

    /// <summary>Gets the library's activities of this test's trace that have stopped, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped.Where(a => a.TraceId == _root.TraceId && a != _root)];

    /// <summary>Gets the log records the library wrote (its categories only).</summary>
    public IReadOnlyList<FakeLogRecord> Records => [.. Logs.GetSnapshot().Where(r => r.Category?.StartsWith("CustomConnector", StringComparison.Ordinal) == true)];

    /// <summary>Every string the captured telemetry holds: messages, state, scopes, exceptions, activity names and tags.</summary>
    public IEnumerable<string> AllTexts()
    {
        foreach (var record in Logs.GetSnapshot())
        {
            yield return record.Message;
            if (record.Exception is not null)
            {
                yield return record.Exception.ToString();
            }

            foreach (var (key, value) in record.StructuredState ?? [])
            {
                yield return key;
                yield return value ?? string.Empty;
            }

            foreach (var scope in record.Scopes)
            {
                yield return scope?.ToString() ?? string.Empty;
                if (scope is IEnumerable pairs and not string)
                {
                    foreach (var pair in pairs)
                    {
                        yield return pair?.ToString() ?? string.Empty;
                    }
                }
            }
        }

        foreach (var activity in Activities)
        {
            yield return activity.DisplayName;
            yield return activity.OperationName;
            yield return activity.StatusDescription ?? string.Empty;
            foreach (var (key, value) in activity.TagObjects)
            {
                yield return $"{key}={value}";
            }

            foreach (var activityEvent in activity.Events)
            {
                yield return activityEvent.Name;
                foreach (var (key, value) in activityEvent.Tags)
                {
                    yield return $"{key}={value}";
                }
            }
        }
    }

    /// <summary>Asserts that none of <paramref name="secrets"/> appears in anything captured, nor in <paramref name="moreTexts"/> (metric tags, say).</summary>
    public void AssertNoSecret(IEnumerable<string> secrets, IEnumerable<string>? moreTexts = null)
    {
        var texts = AllTexts().Concat(moreTexts ?? []).ToList();
        Assert.NotEmpty(texts);
        foreach (var secret in secrets)
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
        LoggerFactory.Dispose();
        MeterFactory.Dispose();
    }
}
