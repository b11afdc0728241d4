using System.Net;

namespace CustomConnector.Tests.Resilience;

/// <summary>The connector's circuit breaker on fake time: opening on the failure ratio, failing fast, and the half-open probe.</summary>
public sealed class ConnectorClientCircuitBreakerTests
{
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7").WithName("getWing").Build();

    [Fact]
    public async Task SendAsync_FailureRatioReached_OpensTheCircuitAndFailsFastWithoutSending()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError);
        var time = new WatchedTime();
        using var client = CreateClient(api, time);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await SendAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await SendAsync(client)).StatusCode);

        var exception = await Assert.ThrowsAsync<ServiceUnavailableException>(() => SendAsync(client));
        Assert.Contains("circuit breaker is open", exception.Message, StringComparison.Ordinal);
        Assert.Contains("getWing", exception.Message, StringComparison.Ordinal);
        Assert.Contains("until about 2026-03-01 12:00:05Z", exception.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), exception.RetryAfter);
        Assert.Equal(0, exception.Attempts);
        Assert.Equal(2, api.Count);

        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => SendAsync(client));
        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task SendAsync_AfterBreakDuration_ProbeSucceedsAndClosesTheCircuit()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);
        var time = new WatchedTime();
        using var logs = new RecordingLoggerProvider();
        using var client = CreateClient(api, time, logs);
        await SendAsync(client);
        await SendAsync(client);
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => SendAsync(client));

        time.Advance(TimeSpan.FromSeconds(5));
        var probe = await SendAsync(client);
        var after = await SendAsync(client);

        Assert.Equal(ConnectorResultKind.Data, probe.Kind);
        Assert.Equal(ConnectorResultKind.Data, after.Kind);
        Assert.Equal(4, api.Count);
        Assert.Contains(logs.Records, r => r.EventName == "CircuitOpened");
        Assert.Contains(logs.Records, r => r.EventName == "CircuitClosed");
    }

    [Fact]
    public async Task SendAsync_ProbeFails_ReopensTheCircuitForAnotherBreak()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        var time = new WatchedTime();
        using var client = CreateClient(api, time);
        await SendAsync(client);
        await SendAsync(client);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.BadGateway, (await SendAsync(client)).StatusCode);
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => SendAsync(client));
        Assert.Equal(3, api.Count);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(ConnectorResultKind.Data, (await SendAsync(client)).Kind);
        Assert.Equal(4, api.Count);
    }

    [Fact]
    public async Task SendAsync_ClientErrorsAndRateLimits_DoNotOpenTheCircuit()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        using var client = CreateClient(api, new WatchedTime());

        for (var i = 0; i < 4; i++)
        {
            await SendAsync(client);
        }

        Assert.Equal(ConnectorResultKind.Data, (await SendAsync(client)).Kind);
        Assert.Equal(5, api.Count);
    }

    [Fact]
    public async Task SendAsync_TwoClients_HaveSeparateCircuits()
    {
        using var failing = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var healthy = new ScriptedApi(_ => ScriptedApi.Data());
        var time = new WatchedTime();
        using var first = CreateClient(failing, time);
        using var second = CreateClient(healthy, time);

        await SendAsync(first);
        await SendAsync(first);
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => SendAsync(first));

        Assert.Equal(ConnectorResultKind.Data, (await SendAsync(second)).Kind);
    }

    [Fact]
    public async Task SendAsync_EndpointTurnsItsPipelineOff_StillFailsFastWhileTheConnectorsCircuitIsOpen()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = CreateClient(api, new WatchedTime());
        var raw = ConnectorEndpoint.Get("wings/7").WithResilience(r => r.Enabled = false).Build();
        await SendAsync(client);
        await SendAsync(client);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync(raw, TestJsonContext.Default.Wing));

        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task SendAsync_CircuitOpensDuringTheCallsRetries_ReturnsTheApisErrorInsteadOfRetryingIntoTheCircuit()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = CreateClient(api, new WatchedTime(), retries: 3);

        var result = await SendAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
        Assert.Equal("scripted 503", result.Error!.Description);
        Assert.Equal(2, result.Attempts); // the second failure opened the circuit
        Assert.Equal(2, api.Count);
        var next = await Assert.ThrowsAsync<ServiceUnavailableException>(() => SendAsync(client));
        Assert.Contains("was not sent: the connector's circuit breaker is open", next.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AnotherCallOpensTheCircuitDuringThisCallsBackoff_SaysHowManyAttemptsWereSent()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        var time = new WatchedTime();
        using var client = CreateClient(api, time, retries: 3, baseDelay: TimeSpan.FromSeconds(1));

        var waiting = SendAsync(client);
        var backoff = await time.TimerAsync(0);
        var opener = await SendAsync(client);
        time.Advance(backoff.DueTime);

        var exception = await Assert.ThrowsAsync<ServiceUnavailableException>(() => waiting);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, opener.StatusCode);
        Assert.Equal(1, exception.Attempts);
        Assert.DoesNotContain("was not sent:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("was not sent again after 1 attempt: the connector's circuit breaker is open", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Count);
    }

    private static ConnectorClient CreateClient(ScriptedApi api, WatchedTime time, RecordingLoggerProvider? logs = null, int retries = 0, TimeSpan baseDelay = default) => api.CreateClient(time, o =>
    {
        o.LoggerFactory = logs;
        o.Timeout = Timeout.InfiniteTimeSpan;
        o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        o.Resilience.MaxRetries = retries;
        o.Resilience.BaseDelay = baseDelay;
        o.Resilience.CircuitBreaker.Enabled = true;
        o.Resilience.CircuitBreaker.FailureRatio = 0.5;
        o.Resilience.CircuitBreaker.MinimumThroughput = 2;
        o.Resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
        o.Resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
    });

    private static Task<ConnectorResult<Wing>> SendAsync(ConnectorClient client) =>
        client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

    [Fact]
    public async Task SendAsync_RequestsTheHandlerCannotWrite_DoNotOpenTheCircuit()
    {
        // A bad header says nothing about the API's health: the next good call must still be sent.
        using var api = new ScriptedApi(number => number <= 2
            ? throw new HttpRequestException("Request headers must contain only ASCII characters.")
            : ScriptedApi.Data());
        using var client = CreateClient(api, new WatchedTime());
        await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(client));
        await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(client));

        var result = await SendAsync(client);

        Assert.True(result.IsData);
        Assert.Equal(3, api.Count);
    }
}
