using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// The client's time budget (fake time) and the caller's cancellation, over a socket where the
/// server holds its response until the test says so.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class TimeoutAndCancellationTests(TestServerFixture servers)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(5);

    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task SendAsync_ServerHoldsHeadersPastTimeout_ThrowsConnectorTimeoutException()
    {
        using var gate = new ServerGate();
        var path = Server.Map(HoldThenReplyAsync(gate));
        var time = new FakeTimeProvider();
        using var client = CreateClient(time);

        var call = client.SendAsync(ConnectorEndpoint.Get(path).WithName("slowWing").Build(), IntegrationJsonContext.Default.Wing);
        await gate.Arrived.WithSafetyTimeout();
        time.Advance(ClientTimeout);

        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WithSafetyTimeout());
        Assert.Equal(ClientTimeout, exception.Timeout);
        Assert.Equal("slowWing", exception.EndpointName);
        Assert.IsAssignableFrom<OperationCanceledException>(exception.InnerException);
    }

    [Fact]
    public async Task SendAsync_ServerAnswersJustBeforeTimeout_ReturnsData()
    {
        using var gate = new ServerGate();
        var path = Server.Map(HoldThenReplyAsync(gate));
        var time = new FakeTimeProvider();
        using var client = CreateClient(time);

        var call = client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing);
        await gate.Arrived.WithSafetyTimeout();
        time.Advance(ClientTimeout - TimeSpan.FromMilliseconds(1));
        gate.Release();

        var result = await call.WithSafetyTimeout();
        Assert.Equal(new Wing(1, "late but in time"), result.Data);
    }

    [Fact]
    public async Task SendAsync_ServerStallsMidBodyPastTimeout_ThrowsConnectorTimeoutException()
    {
        // The budget covers the whole call, body included, not only the wait for headers.
        using var gate = new ServerGate();
        var probe = StreamProbe.Install();
        var path = Server.Map(StallMidBodyAsync(gate));
        var time = new FakeTimeProvider();
        using var client = CreateClient(time);

        var call = client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListProbedItem);
        await probe.FirstItemRead.WithSafetyTimeout();
        time.Advance(ClientTimeout);

        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WithSafetyTimeout());
        Assert.Equal(ClientTimeout, exception.Timeout);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsWhileServerHoldsHeaders_ThrowsOperationCanceledWithCallersToken()
    {
        using var gate = new ServerGate();
        var path = Server.Map(HoldThenReplyAsync(gate));
        var time = new FakeTimeProvider();
        using var client = CreateClient(time);
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing, cancellation.Token);
        await gate.Arrived.WithSafetyTimeout();
        await cancellation.CancelAsync();

        // ThrowsAny: TaskCanceledException is fine; ConnectorTimeoutException is not an OperationCanceledException, so it fails here.
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithSafetyTimeout());
        Assert.Equal(cancellation.Token, exception.CancellationToken);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsMidBody_ThrowsOperationCanceledWithCallersToken()
    {
        using var gate = new ServerGate();
        var probe = StreamProbe.Install();
        var path = Server.Map(StallMidBodyAsync(gate));
        var time = new FakeTimeProvider();
        using var client = CreateClient(time);
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListProbedItem, cancellation.Token);
        await probe.FirstItemRead.WithSafetyTimeout();
        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithSafetyTimeout());
        Assert.Equal(cancellation.Token, exception.CancellationToken);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsWithoutClientTimeout_ThrowsOperationCanceledWithCallersToken()
    {
        using var gate = new ServerGate();
        var path = Server.Map(HoldThenReplyAsync(gate));
        using var client = servers.CreateClient(options => options.Timeout = Timeout.InfiniteTimeSpan);
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing, cancellation.Token);
        await gate.Arrived.WithSafetyTimeout();
        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithSafetyTimeout());
        Assert.Equal(cancellation.Token, exception.CancellationToken);
    }

    private ConnectorClient CreateClient(FakeTimeProvider time) => servers.CreateClient(options =>
    {
        options.TimeProvider = time;
        options.Timeout = ClientTimeout;
    });

    private static RequestDelegate HoldThenReplyAsync(ServerGate gate) => async context =>
    {
        if (await gate.WaitAsync(context))
        {
            await Reply.Json(200, """{"data": {"id": 1, "name": "late but in time"}}""")(context);
        }
    };

    /// <summary>Sends headers and the first part of a data array, then holds the rest until the gate opens.</summary>
    private static RequestDelegate StallMidBodyAsync(ServerGate gate) => async context =>
    {
        context.Response.ContentType = "application/json";
        await Reply.WriteProbedItemsAsync(context, "{\"data\":[", 0, 2000);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (await gate.WaitAsync(context))
        {
            await context.Response.Body.WriteAsync("]}"u8.ToArray(), context.RequestAborted);
        }
    };
}
