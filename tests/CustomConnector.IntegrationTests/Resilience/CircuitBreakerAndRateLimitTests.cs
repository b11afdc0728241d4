using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.IntegrationTests;

/// <summary>The connector-wide circuit breaker and client-side rate limit over real sockets, on fake time, counted on the server.</summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class CircuitBreakerAndRateLimitTests(TestServerFixture servers)
{
    private const string Data = """{"data": {"id": 7, "name": "Wing"}}""";

    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task SendAsync_ServerFailing_OpensTheCircuitThenRecoversAfterTheBreak()
    {
        var failing = 2;
        var path = Server.Map(context => Interlocked.Decrement(ref failing) >= 0 ? Reply.Status(503)(context) : Reply.Json(200, Data)(context));
        var time = new FakeTimeProvider();
        using var client = servers.CreateClient(o =>
        {
            o.TimeProvider = time;
            o.Resilience.CircuitBreaker.Enabled = true;
            o.Resilience.CircuitBreaker.MinimumThroughput = 2;
            o.Resilience.CircuitBreaker.FailureRatio = 0.5;
            o.Resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            o.Resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
        });
        var endpoint = ConnectorEndpoint.Get(path).Build();

        Assert.Equal(503, (int)(await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout()).StatusCode);
        Assert.Equal(503, (int)(await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout()).StatusCode);
        var open = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout());
        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.RequestsTo(path).Count);

        time.Advance(TimeSpan.FromSeconds(5));
        var probe = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();
        var next = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "Wing"), probe.Data);
        Assert.Equal(new Wing(7, "Wing"), next.Data);
        Assert.Equal(4, Server.RequestsTo(path).Count);
    }

    [Fact]
    public async Task SendAsync_ConcurrentCallersOverFixedWindow_ReachTheServerAtMostPermitLimitPerWindow()
    {
        var path = Server.Map(Reply.Json(200, Data));
        var time = new FakeTimeProvider();
        using var client = servers.CreateClient(o =>
        {
            o.TimeProvider = time;
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.RateLimit.Kind = ConnectorRateLimitKind.FixedWindow;
            o.Resilience.RateLimit.PermitLimit = 3;
            o.Resilience.RateLimit.Window = TimeSpan.FromSeconds(1);
            o.Resilience.RateLimit.QueueLimit = 10;
        });
        var endpoint = ConnectorEndpoint.Get(path).Build();

        // Each call reaches the limiter before SendAsync returns its task, so all eight are counted in the first window.
        var calls = Enumerable.Range(0, 8).Select(_ => client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing)).ToList();
        var perWindow = new List<int>();
        int done;
        foreach (var expected in new[] { 3, 6, 8 })
        {
            // Wait for this window's callers to finish; none of the rest can start before the clock moves.
            // Wait on the calls still pending when counted: one that finishes in between ends the wait at once,
            // where a fresh look could leave only calls that wait for a clock that only this loop moves.
            while (true)
            {
                var pending = calls.Where(c => !c.IsCompleted).ToList();
                done = calls.Count - pending.Count;
                if (done >= expected)
                {
                    break;
                }

                try
                {
                    await Task.WhenAny(pending).WithSafetyTimeout();
                }
                catch (TimeoutException)
                {
                    // Say where it stuck: which window, how many calls finished, what the server saw.
                    throw new TimeoutException($"Waiting for {expected} calls to finish: {done} had, the server saw {Server.RequestsTo(path).Count}, windows so far [{string.Join(", ", perWindow)}], call states [{string.Join(", ", calls.Select(c => c.Status))}].");
                }
            }

            perWindow.Add(Server.RequestsTo(path).Count);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(calls).WithSafetyTimeout();
        Assert.Equal([3, 6, 8], perWindow);
    }

    [Fact]
    public async Task SendAsync_ConcurrentCallersOverTokenBucket_StartABurstThenOnePerToken()
    {
        var path = Server.Map(Reply.Json(200, Data));
        var time = new FakeTimeProvider();
        using var client = servers.CreateClient(o =>
        {
            o.TimeProvider = time;
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.RateLimit.Kind = ConnectorRateLimitKind.TokenBucket;
            o.Resilience.RateLimit.PermitLimit = 2;
            o.Resilience.RateLimit.Window = TimeSpan.FromSeconds(1);
            o.Resilience.RateLimit.QueueLimit = 2;
        });
        var endpoint = ConnectorEndpoint.Get(path).Build();

        var burst = new[] { client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing), client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing) };
        var third = client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing);
        var fourth = client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing);
        var rejected = await Assert.ThrowsAsync<TooManyRequestsException>(() => client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout());
        await Task.WhenAll(burst).WithSafetyTimeout();
        Assert.Contains("client-side rate limit", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.RequestsTo(path).Count);

        // Two per second: one token every 500 ms.
        time.Advance(TimeSpan.FromMilliseconds(500));
        await third.WithSafetyTimeout();
        Assert.False(fourth.IsCompleted);
        Assert.Equal(3, Server.RequestsTo(path).Count);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await fourth.WithSafetyTimeout();
        Assert.Equal(4, Server.RequestsTo(path).Count);
    }
}
