using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>
/// The telemetry stage: the call's activity and duration around the whole call, and the log events and
/// retry count of the resilience stage, which reports them through <see cref="IResilienceObserver"/>.
/// Everything here is cheap when nobody listens.
/// </summary>
/// <param name="logger">The connector's logger.</param>
internal sealed class ConnectorTelemetry(ILogger logger) : IResilienceObserver
{
    public static readonly ActivitySource Source = new(ConnectorDiagnostics.ActivitySourceName, typeof(ConnectorTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(ConnectorDiagnostics.MeterName, typeof(ConnectorTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "customconnector.client.call.duration", "s", "Duration of connector calls, retries and waits included.");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "customconnector.client.retries", "{retry}", "Attempts sent again after a transient failure.");

    /// <summary>Starts the call's activity, or returns <see langword="null"/> when nobody traces.</summary>
    public static Activity? StartCall(ConnectorCall call)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"{call.Method?.Method} {call.EndpointName}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", call.Method?.Method);
            activity.SetTag("url.full", call.RedactedRequestUri?.AbsoluteUri);
            activity.SetTag("connector.endpoint", call.EndpointName);
        }

        return activity;
    }

    /// <summary>Closes the call's activity and records its duration.</summary>
    public static void EndCall(Activity? activity, ConnectorCall call, int? statusCode, Exception? failure, long startTimestamp, TimeProvider timeProvider)
    {
        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag("http.response.status_code", statusCode);
                activity.SetTag("connector.attempts", call.Attempts);
                if (failure is not null)
                {
                    activity.SetTag("error.type", failure.GetType().FullName);
                }
                else if (statusCode >= 400)
                {
                    activity.SetTag("error.type", statusCode.Value.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (failure is not null || statusCode >= 400)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }

            activity.Dispose();
        }

        if (CallDuration.Enabled)
        {
            var tags = new TagList
            {
                { "http.request.method", call.Method?.Method },
                { "connector.endpoint", call.EndpointName },
                { "http.response.status_code", statusCode },
            };
            if (failure is not null)
            {
                tags.Add("error.type", failure.GetType().FullName);
            }

            CallDuration.Record(timeProvider.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        }
    }

    /// <inheritdoc/>
    public void RetryScheduled(ConnectorCall call, string reasonTag, string reason, TimeSpan delay)
    {
        if (Retries.Enabled)
        {
            Retries.Add(1, new TagList
            {
                { "http.request.method", call.Method?.Method },
                { "connector.endpoint", call.EndpointName },
                { "connector.retry.reason", reasonTag },
            });
        }

        ConnectorLog.RetryScheduled(logger, call.Method?.Method ?? "?", call.RedactedRequestUri, call.EndpointName, call.Attempts, reason, delay);
    }

    /// <inheritdoc/>
    public void RetryAfterTooLong(ConnectorCall call, TimeSpan retryAfter, TimeSpan limit) =>
        ConnectorLog.RetryAfterTooLong(logger, call.Method?.Method ?? "?", call.RedactedRequestUri, call.EndpointName, retryAfter, limit);

    /// <inheritdoc/>
    public void CircuitOpened(TimeSpan breakDuration) => ConnectorLog.CircuitOpened(logger, breakDuration);

    /// <inheritdoc/>
    public void CircuitClosed() => ConnectorLog.CircuitClosed(logger);
}
