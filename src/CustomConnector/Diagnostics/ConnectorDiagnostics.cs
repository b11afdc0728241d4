namespace CustomConnector;

/// <summary>
/// The names under which connectors publish traces and metrics, for OpenTelemetry and other listeners:
/// <c>builder.WithTracing(t =&gt; t.AddSource(ConnectorDiagnostics.ActivitySourceName))</c> and
/// <c>.WithMetrics(m =&gt; m.AddMeter(ConnectorDiagnostics.MeterName))</c>.
/// </summary>
/// <remarks>
/// Each logical call (retries included) is one client activity named <c>{method} {endpoint}</c>, tagged
/// with <c>http.request.method</c>, <c>url.full</c> (credentials redacted), <c>connector.endpoint</c>,
/// <c>http.response.status_code</c>, <c>connector.attempts</c> and, on failure, <c>error.type</c>.
/// The meter has <c>customconnector.client.call.duration</c> (seconds, per call) and
/// <c>customconnector.client.retries</c> (one per retry). No header, body or credential is recorded.
/// </remarks>
public static class ConnectorDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> connectors trace with.</summary>
    public const string ActivitySourceName = "CustomConnector";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> connectors measure with.</summary>
    public const string MeterName = "CustomConnector";
}
