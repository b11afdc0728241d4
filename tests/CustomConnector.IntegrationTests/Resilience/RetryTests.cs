using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// Retries over real sockets, counted on the server: transient statuses and broken connections
/// are retried for safe requests, a POST is never sent twice unless it is idempotent, and every
/// attempt carries the same key and body.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class RetryTests(TestServerFixture servers)
{
    private const string Data = """{"data": {"id": 7, "name": "Wing"}}""";
    private const string BodyJson = """{"name":"Delta","span":42}""";

    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task SendAsync_503Then503Then200_ReturnsDataAfterExactlyThreeRequests()
    {
        var path = Server.Map(Script(Reply.Status(503), Reply.Status(503), Reply.Json(200, Data)));
        using var client = CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "Wing"), result.Data);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, Server.RequestsTo(path).Count);
    }

    [Fact]
    public async Task SendAsync_GetWhoseConnectionIsAbortedBeforeAResponse_IsRetried()
    {
        var path = Server.Map(Script(Abort, Reply.Json(200, Data)));
        using var client = CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "Wing"), result.Data);
        Assert.Equal(2, Server.RequestsTo(path).Count);
    }

    [Theory]
    [InlineData(RawReplyKind.Reset)]
    [InlineData(RawReplyKind.Close)]
    public async Task SendAsync_GetWhoseConnectionIsResetOrClosedBeforeAResponse_IsRetried(RawReplyKind fault)
    {
        await using var server = new RawSocketServer(n => n == 1 ? new RawReply(fault) : RawReply.Json(200, Data));
        using var client = CreateClient(o => o.BaseAddress = server.BaseAddress);

        var result = await client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "Wing"), result.Data);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task SendAsync_PostAnswered503_IsSentExactlyOnce()
    {
        var path = Server.Map(Reply.Status(503));
        using var client = CreateClient();

        var result = await client.SendAsync(Post(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, result.StatusCode);
        Assert.Single(Server.RequestsTo(path));
    }

    [Fact]
    public async Task SendAsync_PostWhoseConnectionIsAborted_IsSentExactlyOnce()
    {
        var path = Server.Map(Abort);
        using var client = CreateClient();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Post(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout());

        Assert.Equal(1, exception.Attempts);
        Assert.Single(Server.RequestsTo(path));
    }

    [Theory]
    [InlineData(RawReplyKind.Reset)]
    [InlineData(RawReplyKind.Close)]
    public async Task SendAsync_PostWhoseConnectionIsResetOrClosed_IsSentExactlyOnce(RawReplyKind fault)
    {
        await using var server = new RawSocketServer(_ => new RawReply(fault));
        using var client = CreateClient(o => o.BaseAddress = server.BaseAddress);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Post("wings").Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout());

        Assert.Equal(1, exception.Attempts);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task SendAsync_PostWithGeneratedIdempotencyKey_RetriesWithOneKeyPerCall()
    {
        var path = Server.Map(Script(Reply.Status(503), Abort, Reply.Json(200, Data), Reply.Json(200, Data)));
        using var client = CreateClient();
        var create = Post(path).WithIdempotencyKey().Build();

        var first = await client.SendAsync(create, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();
        var second = await client.SendAsync(create, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(3, first.Attempts);
        Assert.Equal(1, second.Attempts);
        var keys = Server.RequestsTo(path).Select(r => r.Header("Idempotency-Key")).ToList();
        Assert.Equal(4, keys.Count);
        Assert.All(keys, key => Assert.False(string.IsNullOrEmpty(key)));
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(keys[0], keys[2]);
        Assert.NotEqual(keys[0], keys[3]);
    }

    [Fact]
    public async Task SendAsync_PostWithCallersIdempotencyKey_SendsThatKeyOnEveryAttempt()
    {
        var path = Server.Map(Script(Reply.Status(502), Reply.Json(200, Data)));
        using var client = CreateClient();

        await client.SendAsync(Post(path).WithIdempotencyKey("order-1001").Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(["order-1001", "order-1001"], Server.RequestsTo(path).Select(r => r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task SendAsync_IdempotentPostWhoseConnectionIsAborted_IsRetried()
    {
        var path = Server.Map(Script(Abort, Reply.Json(200, Data)));
        using var client = CreateClient();

        var result = await client.SendAsync(Post(path).AsIdempotent().Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "Wing"), result.Data);
        Assert.Equal(2, Server.RequestsTo(path).Count);
        Assert.Null(Server.RequestsTo(path)[0].Header("Idempotency-Key"));
    }

    [Fact]
    public async Task SendAsync_IdempotentPostRetried_SendsTheJsonBodyIntactOnEveryAttempt()
    {
        var path = Server.Map(Script(Reply.Status(503), Reply.Status(500), Reply.Json(200, Data)));
        using var client = CreateClient();

        await client.SendAsync(Post(path).AsIdempotent().Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        var requests = Server.RequestsTo(path);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(BodyJson, r.BodyText);
            Assert.Equal(BodyJson.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Header("Content-Length"));
            Assert.StartsWith("application/json", r.Header("Content-Type"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendAsync_SlowResponses_TripTheAttemptTimeoutRetryThenThrowAttemptTimeout()
    {
        using var gates = new GateSet(3);
        var path = Server.Map(gates.HoldEachRequest(Data));
        var time = new FakeTimeProvider();
        using var client = CreateClient(o =>
        {
            o.TimeProvider = time;
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.MaxRetries = 2;
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        });

        var call = client.SendAsync(ConnectorEndpoint.Get(path).WithName("slowWing").Build(), IntegrationJsonContext.Default.Wing);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await gates[attempt].Arrived.WithSafetyTimeout();
            time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
            Assert.False(call.IsCompleted);
            time.Advance(TimeSpan.FromTicks(1));
        }

        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WithSafetyTimeout());
        Assert.Equal(ConnectorTimeoutKind.Attempt, exception.Kind);
        Assert.Equal(3, exception.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), exception.Timeout);
        Assert.Equal(3, Server.RequestsTo(path).Count);
    }

    [Fact]
    public async Task SendAsync_SlowFirstResponse_IsRetriedAndTheSecondAttemptsAnswerReturned()
    {
        using var gates = new GateSet(2);
        var path = Server.Map(gates.HoldEachRequest(Data));
        var time = new FakeTimeProvider();
        using var client = CreateClient(o =>
        {
            o.TimeProvider = time;
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        });

        var call = client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing);
        await gates[0].Arrived.WithSafetyTimeout();
        time.Advance(TimeSpan.FromSeconds(2));
        await gates[1].Arrived.WithSafetyTimeout();
        gates[1].Release();

        var result = await call.WithSafetyTimeout();
        Assert.Equal(new Wing(7, "Wing"), result.Data);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsWhileTheServerHolds_StopsAtOnceWithoutAnotherAttempt()
    {
        using var gates = new GateSet(2);
        var path = Server.Map(gates.HoldEachRequest(Data));
        using var client = CreateClient(o => o.Timeout = Timeout.InfiniteTimeSpan);
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing, cancellation.Token);
        await gates[0].Arrived.WithSafetyTimeout();
        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithSafetyTimeout());
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.False(gates[1].Arrived.IsCompleted);
        Assert.Single(Server.RequestsTo(path));
    }

    [Fact]
    public async Task SendAsync_ProviderSetsAHeaderHttpClientCannotWrite_TriesOnceAndSaysItWasNotRetried()
    {
        var path = Server.Map(Reply.Json(200, Data));
        var provider = new NonAsciiHeaderProvider();
        using var client = CreateClient(o => o.Authentication = provider);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout());

        // SocketsHttpHandler refuses the value before writing the request: a fault of the request, not of the network.
        Assert.Equal(1, provider.Calls);
        Assert.Equal(1, exception.Attempts);
        Assert.Empty(Server.RequestsTo(path));
        Assert.Equal(HttpRequestError.Unknown, Assert.IsType<HttpRequestException>(exception.InnerException).HttpRequestError);
        Assert.Contains("not retried", exception.Message, StringComparison.Ordinal);
    }

    private static Task Abort(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>Answers the n-th request to the route with the n-th handler (the last one for ever after).</summary>
    private static RequestDelegate Script(params RequestDelegate[] replies)
    {
        var count = 0;
        return context => replies[Math.Min(Interlocked.Increment(ref count), replies.Length) - 1](context);
    }

    private static PostEndpointBuilder Post(string path) =>
        ConnectorEndpoint.Post(path).WithJsonBody(new CreateWing("Delta", 42), IntegrationJsonContext.Default.CreateWing);

    /// <summary>A client that retries at once: the waits are the unit tests' subject, the wire is this suite's.</summary>
    private ConnectorClient CreateClient(Action<ConnectorClientOptions>? configure = null) => servers.CreateClient(o =>
    {
        o.Resilience.MaxRetries = 3;
        o.Resilience.BaseDelay = TimeSpan.Zero;
        configure?.Invoke(o);
    });
}
