using System.Net;

namespace CustomConnector.Tests.Resilience;

/// <summary>Retry-After (seconds and HTTP-date) against the client's clock, its caps, and the call's total time budget.</summary>
public sealed class ConnectorClientRetryAfterTests
{
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7").WithName("getWing").Build();

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task SendAsync_RetryAfterSeconds_WaitsExactlyThatLongInsteadOfTheBackoff(HttpStatusCode status)
    {
        using var api = new ScriptedApi(number => number == 1 ? ScriptedApi.RetryAfterSeconds(status, 7) : ScriptedApi.Data());
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(100);
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        var wait = await time.TimerAsync(0);

        Assert.Equal(TimeSpan.FromSeconds(7), wait.DueTime);
        time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.False(wait.Fired);
        Assert.Equal(1, api.Count);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(wait.Fired);
        await api.ArrivedAsync(2);
        var result = await call.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(2, result.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task SendAsync_RetryAfterHttpDate_WaitsUntilThatTimeOnTheClientsClock(HttpStatusCode status)
    {
        var time = new WatchedTime();
        var retryAt = time.GetUtcNow().AddSeconds(12);
        using var api = new ScriptedApi(number => number == 1 ? ScriptedApi.RetryAfterDate(status, retryAt) : ScriptedApi.Data());
        using var client = api.CreateClient(time, o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        var wait = await time.TimerAsync(0);

        Assert.Equal(TimeSpan.FromSeconds(12), wait.DueTime);
        time.Advance(TimeSpan.FromSeconds(12) - TimeSpan.FromTicks(1));
        Assert.False(wait.Fired);
        Assert.Equal(1, api.Count);
        time.Advance(TimeSpan.FromTicks(1));
        await api.ArrivedAsync(2);
        Assert.Equal(retryAt, time.GetUtcNow());
        var result = await call.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(ConnectorResultKind.Data, result.Kind);
    }

    [Fact]
    public async Task SendAsync_RetryAfterAboveMaxRetryAfter_Returns503AtOnceWithRetryAfterOnTheException()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.RetryAfterSeconds(HttpStatusCode.ServiceUnavailable, 120));
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });

        // No time is advanced: the call must end without waiting.
        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(1, api.Count);
        Assert.Equal(0, time.TimerCount);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        var exception = Assert.Throws<ServiceUnavailableException>(() => result.GetDataOrThrow());
        Assert.Equal(TimeSpan.FromSeconds(120), exception.RetryAfter);
        Assert.Equal(1, exception.Attempts);
    }

    [Fact]
    public async Task SendAsync_429RetryAfterAboveMaxRetryAfter_ReturnsItAtOnceWithRetryAfterOnTheException()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.RetryAfterSeconds(HttpStatusCode.TooManyRequests, 11));
        using var logs = new RecordingLoggerProvider();
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(10);
            o.LoggerFactory = logs;
        });

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(1, api.Count);
        var exception = Assert.Throws<TooManyRequestsException>(() => result.EnsureSuccess());
        Assert.Equal(TimeSpan.FromSeconds(11), exception.RetryAfter);
        var log = Assert.Single(logs.Records, r => r.EventName == "RetryAfterTooLong");
        Assert.Equal(TimeSpan.FromSeconds(11), log.Values["RetryAfter"]);
        Assert.Equal(TimeSpan.FromSeconds(10), log.Values["Limit"]);
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanTheTotalBudget_ReturnsTheErrorAtOnce()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.RetryAfterSeconds(HttpStatusCode.ServiceUnavailable, 20));
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o => o.Timeout = TimeSpan.FromSeconds(10));

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(1, api.Count);
        Assert.Equal(TimeSpan.FromSeconds(20), Assert.Throws<ServiceUnavailableException>(() => result.GetDataOrThrow()).RetryAfter);
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanWhatIsLeftOfTheBudget_StopsAfterTheWaitsAlreadyMade()
    {
        // 10 s budget: the first wait (4 s) fits, the second (7 s) no longer does with 6 s left.
        using var api = new ScriptedApi(number => ScriptedApi.RetryAfterSeconds(HttpStatusCode.ServiceUnavailable, number == 1 ? 4 : 7));
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        var budget = await time.TimerAsync(0);
        var wait = await time.TimerAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(10), budget.DueTime);
        Assert.Equal(TimeSpan.FromSeconds(4), wait.DueTime);
        time.Advance(TimeSpan.FromSeconds(4));

        var result = await call.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(2, api.Count);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.False(budget.Fired);
    }

    [Fact]
    public async Task SendAsync_BudgetRunsOutDuringBackoff_ThrowsTotalTimeoutWithAttemptsMade()
    {
        using var api = new ScriptedApi(number => number == 1
            ? ScriptedApi.RetryAfterSeconds(HttpStatusCode.ServiceUnavailable, 1)
            : ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
            // Polly's jittered backoff may come out anywhere above zero: from a base of a day, the chance that
            // the second retry's falls within the 4 s left of the budget is about one in a billion.
            o.Resilience.BaseDelay = TimeSpan.FromDays(1);
            o.Resilience.MaxDelay = TimeSpan.FromDays(1);
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        var budget = await time.TimerAsync(0);
        var retryAfter = await time.TimerAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter.DueTime);
        time.Advance(TimeSpan.FromSeconds(1));
        await api.ArrivedAsync(2);
        var backoff = await time.TimerAsync(2);
        Assert.InRange(backoff.DueTime, TimeSpan.FromSeconds(4), TimeSpan.FromDays(1));
        time.Advance(TimeSpan.FromSeconds(4));

        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WaitAsync(WatchedTime.SafetyTimeout));
        Assert.True(budget.Fired);
        Assert.False(backoff.Fired);
        Assert.Equal(ConnectorTimeoutKind.Total, exception.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), exception.Timeout);
        Assert.Equal(2, exception.Attempts);
        Assert.Equal(2, api.Count);
        Assert.Contains("2 attempts made", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsDuringBackoff_ThrowsOperationCanceledWithoutAnotherAttempt()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.RetryAfterSeconds(HttpStatusCode.ServiceUnavailable, 3));
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o => o.Timeout = Timeout.InfiniteTimeSpan);
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing, cancellation.Token);
        await api.ArrivedAsync(1);

        // Timer 0 is the first attempt's own time limit (the call has no total budget to share); 1 is the backoff.
        var backoff = await time.TimerAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(3), backoff.DueTime);
        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(WatchedTime.SafetyTimeout));
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, api.Count);
    }
}
