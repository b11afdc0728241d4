using System.Net;

namespace CustomConnector.Tests.Resilience;

/// <summary>
/// Retries around each attempt: which failures are retried, the backoff on fake time, how attempts
/// are counted and logged, and the switches that turn retries off.
/// </summary>
public sealed class ConnectorClientRetryTests
{
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7").WithName("getWing").Build();

    [Fact]
    public async Task SendAsync_ThreeFailures_WaitsEachJitteredBackoffOnTheClockBeforeTheNextAttempt()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout);
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.Resilience.BaseDelay = TimeSpan.FromSeconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromSeconds(3);
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        for (var retry = 0; retry < 3; retry++)
        {
            await api.ArrivedAsync(retry + 1);
            var backoff = await time.TimerAsync(retry);

            // Polly's exponential backoff with decorrelated jitter: any delay above zero, never above MaxDelay.
            Assert.InRange(backoff.DueTime, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(3));

            time.Advance(backoff.DueTime - TimeSpan.FromTicks(1));
            Assert.False(backoff.Fired);
            Assert.Equal(retry + 1, api.Count);

            time.Advance(TimeSpan.FromTicks(1));
            Assert.True(backoff.Fired);
        }

        var result = await call.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(new Wing(7, "Wing"), result.Data);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(4, api.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task SendAsync_TransientStatusOnGet_IsRetriedAndReturnsData(HttpStatusCode status)
    {
        using var api = ScriptedApi.Answering(status);
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(2, api.Count);
        Assert.Equal(2, result.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task SendAsync_ClientErrorStatus_IsNotRetried(HttpStatusCode status)
    {
        using var api = ScriptedApi.Answering(status);
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Error, result.Kind);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(1, api.Count);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task SendAsync_EveryAttemptFails_ReturnsTheLastErrorWithAllAttemptsCountedOnResultAndException()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(4, api.Count); // the first attempt and the default 3 retries
        Assert.Equal(4, result.Attempts);
        var exception = Assert.Throws<ServiceUnavailableException>(() => result.GetDataOrThrow());
        Assert.Equal(4, exception.Attempts);
        Assert.Equal("getWing", exception.EndpointName);
    }

    [Fact]
    public async Task SendAsync_TransportFailsEveryAttempt_ThrowsConnectorExceptionSayingHowManyAttempts()
    {
        using var api = new ScriptedApi(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Resilience.BaseDelay = TimeSpan.Zero;
            o.Resilience.MaxRetries = 2;
        });

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Equal(3, api.Count);
        Assert.Equal(3, exception.Attempts);
        Assert.Contains("3 attempts", exception.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task SendAsync_Retrying_LogsEachRetryWithAttemptReasonAndDelay()
    {
        using var api = new ScriptedApi(number => number switch
        {
            1 => ScriptedApi.RetryAfterSeconds(HttpStatusCode.ServiceUnavailable, 2),
            2 => ScriptedApi.Status(HttpStatusCode.BadGateway),
            _ => ScriptedApi.Data(),
        });
        using var logs = new RecordingLoggerProvider();
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.LoggerFactory = logs;
            o.Resilience.BaseDelay = TimeSpan.Zero;
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        var wait = await time.TimerAsync(0);
        time.Advance(wait.DueTime);
        await call.WaitAsync(WatchedTime.SafetyTimeout);

        var retries = logs.Records.Where(r => r.EventName == "RetryScheduled").ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, r => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, r.Level));
        Assert.Equal(1, retries[0].Values["Attempt"]);
        Assert.Equal("503 ServiceUnavailable", retries[0].Values["Reason"]);
        Assert.Equal(TimeSpan.FromSeconds(2), retries[0].Values["Delay"]);
        Assert.Equal("getWing", retries[0].Values["Endpoint"]);
        Assert.Equal(2, retries[1].Values["Attempt"]);
        Assert.Equal("502 BadGateway", retries[1].Values["Reason"]);
        Assert.Equal(TimeSpan.Zero, retries[1].Values["Delay"]);
        Assert.Contains("attempt 1 failed (503 ServiceUnavailable); retrying in 00:00:02", retries[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ResilienceDisabled_SendsOnce()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Resilience.Enabled = false;
            o.Resilience.BaseDelay = TimeSpan.Zero;
        });

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
        Assert.Equal(1, api.Count);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task SendAsync_ResilienceDisabledAndTransportFails_ThrowsAfterOneAttempt()
    {
        using var api = new ScriptedApi(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.Enabled = false);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Equal(1, api.Count);
        Assert.Equal(1, exception.Attempts);
    }

    [Fact]
    public async Task SendAsync_EndpointTurnsRetriesOff_SendsOnceWhileOtherEndpointsRetry()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var quick = ConnectorEndpoint.Get("status").WithResilience(r => r.MaxRetries = 0).Build();

        var once = await client.SendAsync(quick, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(1, api.Count);
        Assert.Equal(1, once.Attempts);

        var retried = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(5, api.Count);
        Assert.Equal(4, retried.Attempts);
    }

    [Fact]
    public async Task SendAsync_EndpointTurnsItsPipelineOff_SendsOnce()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var raw = ConnectorEndpoint.Get("wings/7").WithResilience(r => r.Enabled = false).Build();

        var result = await client.SendAsync(raw, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task SendAsync_EndpointRaisesRetries_UsesItsOwnCountOverTheConnectors()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Resilience.BaseDelay = TimeSpan.Zero;
            o.Resilience.MaxRetries = 1;
        });
        var patient = ConnectorEndpoint.Get("wings/7").WithResilience(r => r.MaxRetries = 5).Build();

        var result = await client.SendAsync(patient, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(6, api.Count);
        Assert.Equal(6, result.Attempts);
    }

    [Fact]
    public async Task SendAsync_PostAnswered503_IsSentOnce()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var create = ConnectorEndpoint.Post("wings").WithJsonBody(new Order("Ann", 2), TestJsonContext.Default.Order).Build();

        var result = await client.SendAsync(create, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task SendAsync_PostWhoseConnectionWasRefused_IsRetriedBecauseNothingWasSent()
    {
        using var api = new ScriptedApi(number => number == 1 ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused") : ScriptedApi.Data());
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var create = ConnectorEndpoint.Post("wings").WithJsonBody(new Order("Ann", 2), TestJsonContext.Default.Order).Build();

        var result = await client.SendAsync(create, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task SendAsync_PostWhoseResponseEnded_IsNotResent()
    {
        using var api = new ScriptedApi(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var create = ConnectorEndpoint.Post("wings").WithJsonBody(new Order("Ann", 2), TestJsonContext.Default.Order).Build();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(create, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Equal(1, api.Count);
        Assert.Equal(1, exception.Attempts);
    }

    [Fact]
    public async Task SendAsync_PostWithIdempotencyKey_IsRetriedWithTheSameKeyAndBody()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var create = ConnectorEndpoint.Post("wings").WithJsonBody(new Order("Ann", 2), TestJsonContext.Default.Order).WithIdempotencyKey().Build();

        var result = await client.SendAsync(create, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(3, api.Count);
        var key = api.Requests[0].Header("Idempotency-Key");
        Assert.True(Guid.TryParse(key, out _), $"'{key}' is not a generated key");
        Assert.All(api.Requests, r => Assert.Equal(key, r.Header("Idempotency-Key")));
        Assert.All(api.Requests, r => Assert.Equal("""{"customerName":"Ann","total":2}""", r.BodyText));
    }

    [Fact]
    public async Task SendAsync_AttemptTimesOut_RetriesThenThrowsAttemptTimeoutWithAttempts()
    {
        using var api = new HangingApi();
        using var http = new HttpClient(api);
        var time = new WatchedTime();
        using var client = new ConnectorClient(http, new ConnectorClientOptions
        {
            BaseAddress = new Uri("https://api.test/v1/"),
            TimeProvider = time,
            Timeout = Timeout.InfiniteTimeSpan,
            Resilience = { MaxRetries = 1, BaseDelay = TimeSpan.Zero, AttemptTimeout = TimeSpan.FromSeconds(2) },
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        await api.ArrivedAsync(1);
        time.Advance(TimeSpan.FromSeconds(2));
        await api.ArrivedAsync(2);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WaitAsync(WatchedTime.SafetyTimeout));
        Assert.Equal(ConnectorTimeoutKind.Attempt, exception.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), exception.Timeout);
        Assert.Equal(2, exception.Attempts);
        Assert.Equal(2, api.Count);
        Assert.Contains("2 attempts", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public async Task SendAsync_AttemptTimeoutAgainstTotalTimeout_ArmsTheAttemptTimeoutOnlyWhenItCanFireFirst(int totalSeconds, bool armsAttemptTimeout)
    {
        // An attempt timeout no shorter than the total timeout can never fire first; leaving it out
        // saves a Polly state machine on the heap per call. What the call reports stays the same.
        using var api = new HangingApi();
        using var http = new HttpClient(api);
        var time = new WatchedTime();
        using var client = new ConnectorClient(http, new ConnectorClientOptions
        {
            BaseAddress = new Uri("https://api.test/v1/"),
            TimeProvider = time,
            Timeout = TimeSpan.FromSeconds(totalSeconds),
            Resilience = { MaxRetries = 1, BaseDelay = TimeSpan.Zero, AttemptTimeout = TimeSpan.FromSeconds(30) },
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        await api.ArrivedAsync(1);

        Assert.Equal(TimeSpan.FromSeconds(totalSeconds), (await time.TimerAsync(0)).DueTime);
        Assert.Equal(armsAttemptTimeout ? 2 : 1, time.TimerCount);
        if (armsAttemptTimeout)
        {
            // The attempt times out first, and is retried within the total.
            time.Advance(TimeSpan.FromSeconds(30));
            await api.ArrivedAsync(2);
            Assert.False(call.IsCompleted);
            return;
        }

        time.Advance(TimeSpan.FromSeconds(totalSeconds));
        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WaitAsync(WatchedTime.SafetyTimeout));
        Assert.Equal(ConnectorTimeoutKind.Total, exception.Kind);
        Assert.Equal(1, api.Count);
    }

    /// <summary>How SocketsHttpHandler (.NET 8 and 10) reports requests it cannot write, observed on the wire.</summary>
    public static TheoryData<string> RequestFaults => new() { "non-ASCII header", "content throws", "version negotiation" };

    [Theory]
    [MemberData(nameof(RequestFaults))]
    public async Task SendAsync_RequestTheHandlerCannotWrite_IsTriedOnceAndNotRetried(string fault)
    {
        using var api = new ScriptedApi(_ => throw RequestFault(fault));
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Equal(1, api.Count);
        Assert.Equal(1, exception.Attempts);
        Assert.Contains("not retried", exception.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task SendAsync_CustomProviderSetsNonAsciiHeader_IsTriedOnceAndNotRetried()
    {
        // The handler refuses the request the way SocketsHttpHandler does when it writes the headers.
        using var api = new ScriptedApi((_, request) => request.Headers.Any(h => h.Value.Any(v => v.Any(c => c > '\u007E')))
            ? throw RequestFault("non-ASCII header")
            : ScriptedApi.Data());
        var provider = new RecordingAuthenticationProvider("café");
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Authentication = provider;
            o.Resilience.BaseDelay = TimeSpan.Zero;
        });

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Equal(1, provider.Calls);
        Assert.Equal(1, exception.Attempts);
    }

    [Fact]
    public async Task SendAsync_UnknownErrorCausedByTheSocket_IsStillRetried()
    {
        // A connection reset while the body is written: HttpRequestError.Unknown, with the socket's IOException inside.
        using var api = new ScriptedApi(number => number < 3
            ? throw new HttpRequestException("Error while copying content to a stream.", new IOException("Unable to write data to the transport connection.", new System.Net.Sockets.SocketException(104)))
            : ScriptedApi.Data());
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.True(result.IsData);
        Assert.Equal(3, api.Count);
    }

    private static HttpRequestException RequestFault(string fault) => fault switch
    {
        "non-ASCII header" => new HttpRequestException("Request headers must contain only ASCII characters."),
        "content throws" => new HttpRequestException("An error occurred while sending the request.", new InvalidOperationException("The content cannot be read twice.")),
        _ => new HttpRequestException(HttpRequestError.VersionNegotiationError, "Requesting HTTP version 3.0 with version policy RequestVersionExact while unable to establish HTTP/3 connection."),
    };
}
