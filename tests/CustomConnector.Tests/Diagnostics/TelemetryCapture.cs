using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CustomConnector.Tests.Diagnostics;

/// <summary>
/// Everything a connector emits in one test: its logs (a fake logger factory of its own), its measurements
/// (a meter factory of its own, so parallel tests never see each other's) and the activities of the
/// endpoints it names (the activity listener is process-wide, so activities are kept by endpoint name).
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ServiceProvider _meters;
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly List<IDisposable> _collectors = [];
    private readonly Activity? _previous;
    private readonly Activity _root;

    public TelemetryCapture(params string[] endpointNames)
    {
        // A root for this test's activities, current for the rest of the test method (a synchronous
        // constructor's change to Activity.Current flows back to the async test that called it).
        _previous = Activity.Current;
        _root = new Activity("telemetry-capture").SetIdFormat(ActivityIdFormat.W3C).Start();
        LoggerProvider = new FakeLoggerProvider();
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(LoggerProvider));
        _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _meters.GetRequiredService<IMeterFactory>();
        Durations = Collect<double>("customconnector.client.call.duration");
        Retries = Collect<long>("customconnector.client.retries");
        RateLimitRejections = Collect<long>("customconnector.client.rate_limit.rejections");
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectorDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Tests run in parallel and share endpoint names: only this test's trace counts.
                if (activity.TraceId == _root.TraceId && endpointNames.Contains(activity.GetTagItem("customconnector.endpoint") as string))
                {
                    _activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public FakeLoggerProvider LoggerProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public IMeterFactory MeterFactory { get; }

    public MetricCollector<double> Durations { get; }

    public MetricCollector<long> Retries { get; }

    public MetricCollector<long> RateLimitRejections { get; }

    public IReadOnlyList<FakeLogRecord> Logs => LoggerProvider.Collector.GetSnapshot();

    public IReadOnlyList<Activity> Activities => [.. _activities];

    /// <summary>Points <paramref name="options"/> at this capture's logger and meter factories.</summary>
    public ConnectorClientOptions Wire(ConnectorClientOptions options)
    {
        options.LoggerFactory = LoggerFactory;
        options.MeterFactory = MeterFactory;
        return options;
    }

    /// <summary>The one log record with event id <paramref name="id"/>.</summary>
    public FakeLogRecord Single(int id) => Assert.Single(Logs, record => record.Id.Id == id);

    /// <summary>
    /// Every piece of text the connector emitted: log messages, state values, scopes, exceptions, activity
    /// names and tags, and the tags of every measurement of every instrument on the meter.
    /// </summary>
    public List<string> AllText()
    {
        var text = new List<string>();
        foreach (var record in Logs)
        {
            text.Add(record.Message);
            text.Add(record.State?.ToString() ?? string.Empty);
            if (record.State is IReadOnlyList<KeyValuePair<string, string?>> state)
            {
                text.AddRange(state.Select(pair => $"{pair.Key}={pair.Value}"));
            }

            text.Add(record.Exception?.ToString() ?? string.Empty);
            foreach (var scope in record.Scopes)
            {
                text.Add(scope?.ToString() ?? string.Empty);
                if (scope is IEnumerable pairs)
                {
                    text.AddRange(pairs.Cast<object?>().Select(pair => pair?.ToString() ?? string.Empty));
                }
            }
        }

        foreach (var activity in Activities)
        {
            text.Add(activity.DisplayName);
            text.Add(activity.OperationName);
            text.Add(activity.StatusDescription ?? string.Empty);
            text.AddRange(activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
        }

        text.AddRange(Durations.GetMeasurementSnapshot().SelectMany(m => m.Tags).Select(tag => $"{tag.Key}={tag.Value}"));
        text.AddRange(Retries.GetMeasurementSnapshot().SelectMany(m => m.Tags).Select(tag => $"{tag.Key}={tag.Value}"));
        text.AddRange(RateLimitRejections.GetMeasurementSnapshot().SelectMany(m => m.Tags).Select(tag => $"{tag.Key}={tag.Value}"));
        return text;
    }

    public void Dispose()
    {
        _root.Stop();
        Activity.Current = _previous;
        _listener.Dispose();
        foreach (var collector in _collectors)
        {
            collector.Dispose();
        }

        LoggerFactory.Dispose();
        _meters.Dispose();
    }

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct
    {
        var collector = new MetricCollector<T>(MeterFactory, ConnectorDiagnostics.MeterName, instrument);
        _collectors.Add(collector);
        return collector;
    }
}
