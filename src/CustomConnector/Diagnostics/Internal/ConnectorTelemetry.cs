using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>
/// The telemetry stage of one connector: around each logical call its activity, logging scope, start
/// and end log events and duration; and the events of the resilience stage, which reports them through
/// <see cref="IResilienceObserver"/>. Logical calls only: HttpClient's own per-attempt activities and
/// metrics nest under the call's activity and are not repeated here.
/// </summary>
/// <remarks>
/// Nothing is allocated when nobody listens: every tag list, activity, scope and log argument is behind
/// <see cref="ActivitySource.HasListeners"/>, an instrument's <c>Enabled</c> or <see cref="ILogger.IsEnabled"/>.
/// Every URI goes through the call's redaction policy; tags are names, codes and counts only (no URI in a
/// metric, no header or body anywhere).
/// </remarks>
/// <param name="logger">The connector's logger.</param>
/// <param name="instruments">The instruments of the connector's meter.</param>
/// <param name="connectorName">The connector's name in dependency injection, or <see langword="null"/> for a client made in code.</param>
/// <param name="timeProvider">The connector's clock, for durations.</param>
internal sealed class ConnectorTelemetry(ILogger logger, ConnectorInstruments instruments, string? connectorName, TimeProvider timeProvider) : IResilienceObserver
{
    public static readonly ActivitySource Source = new(ConnectorDiagnostics.ActivitySourceName, typeof(ConnectorTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The value of <c>error.type</c> for an error envelope in a response whose status is not an error.</summary>
    private const string OtherErrorType = "_OTHER";

    /// <summary>Gets the connector's name in dependency injection, if any (<c>customconnector.connector</c>).</summary>
    public string? ConnectorName => connectorName;

    /// <summary>Gets the instruments the connector records on.</summary>
    public ConnectorInstruments Instruments => instruments;

    /// <summary>Opens the call: its activity (returned; <see langword="null"/> when nobody traces), its logging scope and its start event.</summary>
    /// <param name="call">The call.</param>
    /// <param name="scope">The logging scope to dispose when the call ends; <see langword="null"/> when the logger is off.</param>
    public Activity? StartCall(ConnectorCall call, out IDisposable? scope)
    {
        Activity? activity = null;
        if (Source.HasListeners())
        {
            var method = call.Method?.Method;
            activity = Source.StartActivity(call.EndpointName is null ? method ?? "HTTP" : $"{method} {call.EndpointName}", ActivityKind.Client);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(ConnectorInstruments.MethodTag, method);
                if (call.RequestUri is { IsAbsoluteUri: true } uri)
                {
                    activity.SetTag("server.address", uri.IdnHost);
                    activity.SetTag("server.port", uri.Port);
                    activity.SetTag("url.full", call.Redaction.Redact(uri).AbsoluteUri);
                }

                if (connectorName is not null)
                {
                    activity.SetTag(ConnectorInstruments.ConnectorTag, connectorName);
                }

                activity.SetTag(ConnectorInstruments.EndpointTag, call.EndpointName);
            }
        }

        // Critical is the last level a logger drops: if it is off, everything is.
        scope = null;
        if (logger.IsEnabled(LogLevel.Critical))
        {
            scope = logger.BeginScope(new CallScope(connectorName, call.EndpointName));
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogStart(call);
        }

        return activity;
    }

    /// <summary>Closes the call: tags and status of its activity, its end event, its duration, then its scope and activity.</summary>
    /// <param name="activity">The call's activity, if any.</param>
    /// <param name="scope">The call's logging scope, if any.</param>
    /// <param name="call">The call, with its status, result kind and attempts.</param>
    /// <param name="failure">The exception the call ends with, or <see langword="null"/> when it returned a result.</param>
    /// <param name="startTimestamp">When the call started, on the connector's clock.</param>
    public void EndCall(Activity? activity, IDisposable? scope, ConnectorCall call, Exception? failure, long startTimestamp)
    {
        var status = call.StatusCode;
        var result = failure is null ? call.ResultName : null;
        var failed = failure is not null || call.IsErrorResult;
        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                if (status is { } code)
                {
                    activity.SetTag(ConnectorInstruments.StatusCodeTag, code);
                }

                activity.SetTag(ConnectorInstruments.AttemptsTag, call.Attempts);
                if (result is not null)
                {
                    activity.SetTag(ConnectorInstruments.ResultTag, result);
                }

                if (failed)
                {
                    activity.SetTag(ConnectorInstruments.ErrorTypeTag, ErrorType(failure, status));
                }
            }

            if (failed)
            {
                // No description: an exception's message may come from the host's own code.
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        var level = failure switch
        {
            OperationCanceledException => LogLevel.Debug,
            not null => LogLevel.Error,
            _ => failed ? LogLevel.Warning : LogLevel.Debug,
        };
        var logged = logger.IsEnabled(level);
        var duration = instruments.CallDuration;
        if (logged || duration.Enabled)
        {
            var elapsed = timeProvider.GetElapsedTime(startTimestamp);
            if (logged)
            {
                LogEnd(call, failure, result, elapsed);
            }

            if (duration.Enabled)
            {
                var tags = CallTags(call);
                if (status is { } code)
                {
                    tags.Add(ConnectorInstruments.StatusCodeTag, code);
                }

                if (result is not null)
                {
                    tags.Add(ConnectorInstruments.ResultTag, result);
                }

                if (failed)
                {
                    tags.Add(ConnectorInstruments.ErrorTypeTag, ErrorType(failure, status));
                }

                duration.Record(elapsed.TotalSeconds, tags);
            }
        }

        scope?.Dispose();
        activity?.Dispose();
    }

    /// <inheritdoc/>
    public void RetryScheduled(ConnectorCall call, string reasonTag, string reason, TimeSpan delay)
    {
        if (instruments.Retries.Enabled)
        {
            var tags = CallTags(call);
            tags.Add(ConnectorInstruments.ErrorTypeTag, reasonTag);
            instruments.Retries.Add(1, tags);
        }

        if (logger.IsEnabled(LogLevel.Warning))
        {
            // The reason holds an exception's message, which could quote a URI: redacted like one.
            ConnectorLog.RetryScheduled(logger, MethodOf(call), call.RedactedRequestUri, call.EndpointName, call.Attempts, call.Redaction.Redact(reason), delay);
        }
    }

    /// <inheritdoc/>
    public void RetryAfterTooLong(ConnectorCall call, TimeSpan retryAfter, TimeSpan limit)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            ConnectorLog.RetryAfterTooLong(logger, MethodOf(call), call.RedactedRequestUri, call.EndpointName, retryAfter, limit);
        }
    }

    /// <inheritdoc/>
    public void RateLimitRejected(ConnectorCall call, TimeSpan? retryAfter)
    {
        if (instruments.RateLimitRejections.Enabled)
        {
            instruments.RateLimitRejections.Add(1, CallTags(call));
        }

        if (logger.IsEnabled(LogLevel.Warning))
        {
            ConnectorLog.RateLimitRejected(logger, MethodOf(call), call.RedactedRequestUri, connectorName, call.EndpointName, retryAfter);
        }
    }

    /// <inheritdoc/>
    public void CircuitOpened(TimeSpan breakDuration) => ConnectorLog.CircuitOpened(logger, connectorName, breakDuration);

    /// <inheritdoc/>
    public void CircuitClosed() => ConnectorLog.CircuitClosed(logger, connectorName);

    /// <summary>The value of <c>error.type</c>: the exception's type, else the error status, else <c>_OTHER</c> (an error envelope in a 2xx).</summary>
    private static string ErrorType(Exception? failure, int? status) =>
        failure?.GetType().FullName
        ?? (status >= 400 ? status.Value.ToString(CultureInfo.InvariantCulture) : OtherErrorType);

    private static string MethodOf(ConnectorCall call) => call.Method?.Method ?? "?";

    /// <summary>The tags every measurement of a call has: connector (when named), endpoint, method.</summary>
    private TagList CallTags(ConnectorCall call)
    {
        var tags = default(TagList);
        if (connectorName is not null)
        {
            tags.Add(ConnectorInstruments.ConnectorTag, connectorName);
        }

        tags.Add(ConnectorInstruments.EndpointTag, call.EndpointName);
        tags.Add(ConnectorInstruments.MethodTag, call.Method?.Method);
        return tags;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873:Avoid potentially expensive logging", Justification = "Called only once Debug is known to be enabled.")]
    private void LogStart(ConnectorCall call) => ConnectorLog.CallStarted(logger, MethodOf(call), call.RedactedRequestUri, connectorName, call.EndpointName);

    private void LogEnd(ConnectorCall call, Exception? failure, string? result, TimeSpan elapsed)
    {
        var method = MethodOf(call);
        var uri = call.RedactedRequestUri;
        var milliseconds = elapsed.TotalMilliseconds;
        switch (failure)
        {
            case OperationCanceledException:
                ConnectorLog.CallCanceled(logger, method, uri, connectorName, call.EndpointName, call.Attempts, milliseconds);
                break;
            case not null:
                ConnectorLog.CallFailed(logger, failure, method, uri, connectorName, call.EndpointName, failure.GetType().FullName!, call.StatusCode, call.Attempts, milliseconds);
                break;
            default:
                if (call.IsErrorResult)
                {
                    ConnectorLog.CallReturnedError(logger, method, uri, connectorName, call.EndpointName, call.StatusCode, result!, call.Attempts, milliseconds);
                }
                else
                {
                    ConnectorLog.CallFinished(logger, method, uri, connectorName, call.EndpointName, call.StatusCode, result ?? "unknown", call.Attempts, milliseconds);
                }

                break;
        }
    }
}
