using System.Net;
using CustomConnector.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.Diagnostics;

/// <summary>The call's log events: ids, names, levels and state, and the scope around the call.</summary>
public sealed partial class ConnectorTelemetryTests
{
    [Fact]
    public async Task SendAsync_DataResult_LogsStartedAndFinishedAtDebugWithTheCallsState()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering();
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var started = capture.Single(5);
        Assert.Equal(("CallStarted", LogLevel.Debug), (started.Id.Name, started.Level));
        Assert.Equal("GET", started.GetStructuredStateValue("Method"));
        Assert.Equal("getWing", started.GetStructuredStateValue("Endpoint"));
        Assert.Equal("https://api.test/v1/wings/7?page=2&api_key=REDACTED", started.GetStructuredStateValue("RequestUri"));
        Assert.Null(started.GetStructuredStateValue("Connector"));
        var finished = capture.Single(6);
        Assert.Equal(("CallFinished", LogLevel.Debug), (finished.Id.Name, finished.Level));
        Assert.Equal("200", finished.GetStructuredStateValue("StatusCode"));
        Assert.Equal("data", finished.GetStructuredStateValue("ResultKind"));
        Assert.Equal("1", finished.GetStructuredStateValue("Attempts"));
        Assert.Equal("0", finished.GetStructuredStateValue("ElapsedMilliseconds"));
        Assert.Equal("https://api.test/v1/wings/7?page=2&api_key=REDACTED", finished.GetStructuredStateValue("RequestUri"));
        Assert.Null(finished.Exception);
    }

    [Fact]
    public async Task SendAsync_EmptyResult_LogsFinishedAtDebugAsEmpty()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = new ScriptedApi(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var finished = capture.Single(6);
        Assert.Equal(LogLevel.Debug, finished.Level);
        Assert.Equal("204", finished.GetStructuredStateValue("StatusCode"));
        Assert.Equal("empty", finished.GetStructuredStateValue("ResultKind"));
    }

    [Fact]
    public async Task SendAsync_ErrorResult_LogsCallReturnedErrorAtWarning()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering(HttpStatusCode.NotFound);
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var finished = capture.Single(7);
        Assert.Equal(("CallReturnedError", LogLevel.Warning), (finished.Id.Name, finished.Level));
        Assert.Equal("404", finished.GetStructuredStateValue("StatusCode"));
        Assert.Equal("error", finished.GetStructuredStateValue("ResultKind"));
        Assert.Equal("1", finished.GetStructuredStateValue("Attempts"));
        Assert.DoesNotContain(capture.Logs, record => record.Id.Id is 6 or 8);
    }

    [Fact]
    public async Task SendAsync_RetriedCall_LogsEachRetryAtWarningAndTheAttemptsWhenFinished()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        using var client = api.CreateClient(new WatchedTime(), o => ZeroBackoff(capture.Wire(o)));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        var retries = capture.Logs.Where(record => record.Id.Id == 1).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, retry => Assert.Equal(("RetryScheduled", LogLevel.Warning), (retry.Id.Name, retry.Level)));
        Assert.Equal(["1", "2"], retries.Select(retry => retry.GetStructuredStateValue("Attempt")));
        Assert.Equal(["503 ServiceUnavailable", "502 BadGateway"], retries.Select(retry => retry.GetStructuredStateValue("Reason")));
        Assert.All(retries, retry => Assert.Equal("00:00:00", retry.GetStructuredStateValue("Delay")));
        var finished = capture.Single(6);
        Assert.Equal("3", finished.GetStructuredStateValue("Attempts"));
        Assert.Equal("data", finished.GetStructuredStateValue("ResultKind"));
    }

    [Fact]
    public async Task SendAsync_TransportFailure_LogsCallFailedAtErrorWithTheException()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = new ScriptedApi(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.test:443)"));
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o).Resilience.MaxRetries = 0);

        var thrown = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(GetWing(), TestJsonContext.Default.Wing));

        var failed = capture.Single(8);
        Assert.Equal(("CallFailed", LogLevel.Error), (failed.Id.Name, failed.Level));
        Assert.Same(thrown, failed.Exception);
        Assert.Equal("CustomConnector.ConnectorException", failed.GetStructuredStateValue("ErrorType"));
        Assert.Null(failed.GetStructuredStateValue("StatusCode"));
        Assert.Equal("1", failed.GetStructuredStateValue("Attempts"));
        Assert.DoesNotContain(capture.Logs, record => record.Id.Id is 6 or 7);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_LogsCallCanceledAtDebugRatherThanAnError()
    {
        using var capture = new TelemetryCapture("getWing");
        using var cancel = new CancellationTokenSource();
        using var api = new ScriptedApi(_ =>
        {
            cancel.Cancel();
            throw new OperationCanceledException(cancel.Token);
        });
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(GetWing(), TestJsonContext.Default.Wing, cancel.Token));

        var canceled = capture.Single(9);
        Assert.Equal(("CallCanceled", LogLevel.Debug), (canceled.Id.Name, canceled.Level));
        Assert.DoesNotContain(capture.Logs, record => record.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task SendAsync_RateLimitExhausted_LogsTheRejectionAtWarningAndTheCallAsFailed()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering();
        using var client = api.CreateClient(new WatchedTime(), o => OnePermit(capture.Wire(o)));
        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        await Assert.ThrowsAsync<TooManyRequestsException>(() => client.SendAsync(GetWing(), TestJsonContext.Default.Wing));

        var rejected = capture.Single(10);
        Assert.Equal(("RateLimitRejected", LogLevel.Warning), (rejected.Id.Name, rejected.Level));
        Assert.Equal("getWing", rejected.GetStructuredStateValue("Endpoint"));
        Assert.Equal("GET", rejected.GetStructuredStateValue("Method"));
        Assert.Equal("https://api.test/v1/wings/7?page=2&api_key=REDACTED", rejected.GetStructuredStateValue("RequestUri"));
        Assert.Equal("00:00:05", rejected.GetStructuredStateValue("RetryAfter"));
        Assert.Equal("CustomConnector.TooManyRequestsException", capture.Single(8).GetStructuredStateValue("ErrorType"));
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task SendAsync_CircuitOpensAndCloses_LogsBothAtTheirLevels()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o => Breaker(capture.Wire(o)));
        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);
        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync(GetWing(), TestJsonContext.Default.Wing));
        time.Advance(TimeSpan.FromSeconds(5));
        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var opened = capture.Single(3);
        Assert.Equal(("CircuitOpened", LogLevel.Error), (opened.Id.Name, opened.Level));
        Assert.Equal("00:00:05", opened.GetStructuredStateValue("BreakDuration"));
        var closed = capture.Single(4);
        Assert.Equal(("CircuitClosed", LogLevel.Information), (closed.Id.Name, closed.Level));
        Assert.Equal("CallFailed", capture.Single(8).Id.Name);
    }

    [Fact]
    public async Task SendAsync_RegisteredConnectorsCircuitOpens_NamesTheConnector()
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(HttpStatusCode.ServiceUnavailable);
        services.AddCustomConnector("wings", o => Breaker(o).BaseAddress = new Uri("https://api.test/v1/"))
            .HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);
        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var opened = Assert.Single(provider.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == 3);
        Assert.Equal("wings", opened.GetStructuredStateValue("Connector"));
    }

    [Fact]
    public async Task SendAsync_RegisteredConnector_HostLogsInsideTheCallCarryConnectorAndEndpointScope()
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(HttpStatusCode.OK, "application/json", """{"data": {"id": 7, "name": "Wing"}}""");
        services.AddTransient<LoggingHandler>();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/v1/"))
            .HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => mock).AddHttpMessageHandler<LoggingHandler>();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        var host = Assert.Single(logs, record => record.Id.Id == 9000);
        Assert.Equal("wings", ScopeValue(host, "customconnector.connector"));
        Assert.Equal("getWing", ScopeValue(host, "customconnector.endpoint"));
        Assert.Equal("wings", Assert.Single(logs, record => record.Id.Id == 6).GetStructuredStateValue("Connector"));

        // The scope ends with the call.
        var after = provider.GetRequiredService<ILogger<LoggingHandler>>();
        HostLog(after, "after the call");
        Assert.Null(ScopeValue(provider.GetFakeLogCollector().LatestRecord, "customconnector.endpoint"));
    }

    [Fact]
    public async Task SendAsync_LoggerDisabled_OpensNoScopeAndLogsNothing()
    {
        var logger = new DisabledLogger();
        using var api = ScriptedApi.Answering(HttpStatusCode.NotFound);
        using var client = api.CreateClient(new WatchedTime(), o => o.LoggerFactory = new SingleLoggerFactory(logger));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        Assert.Equal(0, logger.Scopes);
        Assert.Equal(0, logger.Writes);
    }

    private static string? ScopeValue(FakeLogRecord record, string key)
    {
        foreach (var scope in record.Scopes)
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    if (pair.Key == key)
                    {
                        return pair.Value?.ToString();
                    }
                }
            }
        }

        return null;
    }

    private static void HostLog(ILogger logger, string message) =>
        logger.Log(LogLevel.Information, new EventId(9000, "HostEvent"), message, null, static (state, _) => state);

    private static ConnectorClientOptions ZeroBackoff(ConnectorClientOptions options)
    {
        options.Resilience.BaseDelay = TimeSpan.Zero;
        options.Resilience.MaxDelay = TimeSpan.Zero;
        return options;
    }

    private static ConnectorClientOptions OnePermit(ConnectorClientOptions options)
    {
        options.Resilience.RateLimit.Kind = ConnectorRateLimitKind.FixedWindow;
        options.Resilience.RateLimit.PermitLimit = 1;
        options.Resilience.RateLimit.Window = TimeSpan.FromSeconds(5);
        options.Resilience.RateLimit.QueueLimit = 0;
        return options;
    }

    private static ConnectorClientOptions Breaker(ConnectorClientOptions options)
    {
        options.Timeout = Timeout.InfiniteTimeSpan;
        options.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        options.Resilience.MaxRetries = 0;
        options.Resilience.CircuitBreaker.Enabled = true;
        options.Resilience.CircuitBreaker.FailureRatio = 0.5;
        options.Resilience.CircuitBreaker.MinimumThroughput = 2;
        options.Resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
        options.Resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
        return options;
    }

    /// <summary>The host's own handler, logging inside the call.</summary>
    private sealed class LoggingHandler(ILogger<LoggingHandler> logger) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HostLog(logger, "host handler sends");
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class DisabledLogger : ILogger
    {
        public int Scopes { get; private set; }

        public int Writes { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            Scopes++;
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Writes++;
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
