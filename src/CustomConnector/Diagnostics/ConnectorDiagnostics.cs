namespace CustomConnector;

/// <summary>
/// The names under which connectors publish traces and metrics, for OpenTelemetry and other listeners:
/// <c>builder.WithTracing(t =&gt; t.AddSource(ConnectorDiagnostics.ActivitySourceName))</c> and
/// <c>.WithMetrics(m =&gt; m.AddMeter(ConnectorDiagnostics.MeterName))</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each logical call (retries included) is one client activity named <c>{method} {endpoint}</c>, tagged with
/// OpenTelemetry's HTTP client attributes <c>http.request.method</c>, <c>server.address</c>, <c>server.port</c>,
/// <c>url.full</c> (credentials redacted), <c>http.response.status_code</c> and, on an error result or an exception,
/// <c>error.type</c> (status Error); and with the library's own <c>customconnector.connector</c> (the name given to
/// <c>AddCustomConnector</c>, when there is one), <c>customconnector.endpoint</c>, <c>customconnector.result</c>
/// (<c>empty</c>, <c>data</c> or <c>error</c>) and <c>customconnector.attempts</c>. HttpClient's own per-attempt
/// activities nest under it.
/// </para>
/// <para>
/// The meter (the container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> for a registered connector,
/// else <see cref="ConnectorClientOptions.MeterFactory"/>, else one shared meter) has
/// <c>customconnector.client.call.duration</c> (seconds, per call), <c>customconnector.client.retries</c> and
/// <c>customconnector.client.rate_limit.rejections</c>, tagged with <c>customconnector.connector</c>,
/// <c>customconnector.endpoint</c>, <c>http.request.method</c> and, where they apply, <c>http.response.status_code</c>,
/// <c>customconnector.result</c> and <c>error.type</c>: names and codes only, never a URI. No header, body or
/// credential is recorded anywhere.
/// </para>
/// </remarks>
public static class ConnectorDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> connectors trace with.</summary>
    public const string ActivitySourceName = "CustomConnector";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> connectors measure with.</summary>
    public const string MeterName = "CustomConnector";
}
