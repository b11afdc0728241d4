using System.Net;

namespace CustomConnector.Tests.Resilience;

/// <summary>The client-side rate limit on fake time: permits per window or bucket, the bounded queue, and the rejection past it.</summary>
public sealed class ConnectorClientRateLimitTests
{
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7").WithName("getWing").Build();

    [Fact]
    public async Task SendAsync_FixedWindow_HoldsCallersToThePermitsOfEachWindowAndRejectsPastTheQueue()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        var time = new WatchedTime();
        using var client = CreateClient(api, time, ConnectorRateLimitKind.FixedWindow, permits: 2, queue: 2);

        var first = Send(client);
        var second = Send(client);
        await api.ArrivedAsync(2);
        var third = Send(client);
        var fourth = Send(client);
        var rejected = await Assert.ThrowsAsync<TooManyRequestsException>(() => Send(client));

        Assert.Contains("client-side rate limit (2 per 00:00:01, 2 queued at most)", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("The API itself did not refuse it", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(0, rejected.Attempts);
        await Task.WhenAll(first, second).WaitAsync(WatchedTime.SafetyTimeout);
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, api.Count);

        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Equal(2, api.Count);
        time.Advance(TimeSpan.FromTicks(1));
        await Task.WhenAll(third, fourth).WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(4, api.Count);

        // The new window's permits went to the queue: the next caller waits for the window after.
        var fifth = Send(client);
        Assert.False(fifth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await fifth.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(5, api.Count);
    }

    [Fact]
    public async Task SendAsync_FixedWindow_ManyConcurrentCallersNeverExceedThePermitsOfAWindow()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        var time = new WatchedTime();
        using var client = CreateClient(api, time, ConnectorRateLimitKind.FixedWindow, permits: 3, queue: 100);

        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(() => Send(client))).ToList();
        var seen = new List<int>();
        for (var window = 1; window <= 4; window++)
        {
            await api.ArrivedAsync(Math.Min(3 * window, 10));
            seen.Add(api.Count);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(calls).WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal([3, 6, 9, 10], seen);
    }

    [Fact]
    public async Task SendAsync_TokenBucket_AllowsABurstThenOneTokenPerShareOfTheWindow()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        var time = new WatchedTime();
        using var client = CreateClient(api, time, ConnectorRateLimitKind.TokenBucket, permits: 2, queue: 1);

        await Send(client).WaitAsync(WatchedTime.SafetyTimeout);
        await Send(client).WaitAsync(WatchedTime.SafetyTimeout);
        var queued = Send(client);
        var rejected = await Assert.ThrowsAsync<TooManyRequestsException>(() => Send(client));
        Assert.Contains("client-side rate limit", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Count);

        // 2 per second: a token every 500 ms.
        time.Advance(TimeSpan.FromMilliseconds(500) - TimeSpan.FromTicks(1));
        Assert.False(queued.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        await queued.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(3, api.Count);

        // A long idle refills the bucket to its size, not beyond.
        time.Advance(TimeSpan.FromMinutes(1));
        await Send(client).WaitAsync(WatchedTime.SafetyTimeout);
        await Send(client).WaitAsync(WatchedTime.SafetyTimeout);
        var waiting = Send(client);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await waiting.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(6, api.Count);
    }

    [Fact]
    public async Task SendAsync_QueuedCallerCancels_LeavesTheQueueAndFreesItsPlace()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        var time = new WatchedTime();
        using var client = CreateClient(api, time, ConnectorRateLimitKind.FixedWindow, permits: 1, queue: 1);
        using var cancellation = new CancellationTokenSource();

        await Send(client).WaitAsync(WatchedTime.SafetyTimeout);
        var cancelled = client.SendAsync(GetWing, TestJsonContext.Default.Wing, cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(WatchedTime.SafetyTimeout));
        var next = Send(client);
        time.Advance(TimeSpan.FromSeconds(1));

        await next.WaitAsync(WatchedTime.SafetyTimeout);
        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task SendAsync_QueueLimitZero_RejectsAtOnceWhenThePermitsAreSpent()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        using var client = CreateClient(api, new WatchedTime(), ConnectorRateLimitKind.FixedWindow, permits: 1, queue: 0);

        await Send(client).WaitAsync(WatchedTime.SafetyTimeout);
        var rejected = await Assert.ThrowsAsync<TooManyRequestsException>(() => Send(client));

        Assert.Equal(TimeSpan.FromSeconds(1), rejected.RetryAfter);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task SendAsync_EndpointOverridesRetries_RejectionStatesTheConnectorsLimit()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Resilience.RateLimit.Kind = ConnectorRateLimitKind.FixedWindow;
            o.Resilience.RateLimit.PermitLimit = 1;
            o.Resilience.RateLimit.Window = TimeSpan.FromSeconds(5);
            o.Resilience.RateLimit.QueueLimit = 0;
        });
        var quick = ConnectorEndpoint.Get("status").WithResilience(r => r.MaxRetries = 0).Build();

        await client.SendAsync(quick, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);
        var rejected = await Assert.ThrowsAsync<TooManyRequestsException>(() => client.SendAsync(quick, TestJsonContext.Default.Wing));

        Assert.Contains("(1 per 00:00:05, 0 queued at most)", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EndpointTurnsItsPipelineOff_IsStillHeldToTheConnectorsRateLimit()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        using var client = CreateClient(api, new WatchedTime(), ConnectorRateLimitKind.FixedWindow, permits: 1, queue: 0);
        var raw = ConnectorEndpoint.Get("status").WithResilience(r => r.Enabled = false).Build();

        await client.SendAsync(raw, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);
        await Assert.ThrowsAsync<TooManyRequestsException>(() => client.SendAsync(raw, TestJsonContext.Default.Wing));

        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Dispose_CallerOwnsTheHttpClient_FailsCallsStillWaitingForAPermit()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        var client = CreateClient(api, new WatchedTime(), ConnectorRateLimitKind.FixedWindow, permits: 1, queue: 1);
        await Send(client).WaitAsync(WatchedTime.SafetyTimeout);
        var waiting = Send(client);

        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(WatchedTime.SafetyTimeout));
        Assert.Equal(1, api.Count);
    }

    private static ConnectorClient CreateClient(ScriptedApi api, WatchedTime time, ConnectorRateLimitKind kind, int permits, int queue) => api.CreateClient(time, o =>
    {
        o.Timeout = Timeout.InfiniteTimeSpan;
        o.Resilience.MaxRetries = 0;
        o.Resilience.RateLimit.Kind = kind;
        o.Resilience.RateLimit.PermitLimit = permits;
        o.Resilience.RateLimit.Window = TimeSpan.FromSeconds(1);
        o.Resilience.RateLimit.QueueLimit = queue;
    });

    private static Task<ConnectorResult<Wing>> Send(ConnectorClient client) => client.SendAsync(GetWing, TestJsonContext.Default.Wing);
}
