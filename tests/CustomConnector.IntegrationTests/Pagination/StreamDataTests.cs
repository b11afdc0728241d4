using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// One huge <c>{"data": [...]}</c> response read element by element as it comes off the socket:
/// proven by a server that holds the rest of the body back until the test has seen the first item.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class StreamDataTests(TestServerFixture servers)
{
    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task StreamDataAsync_BodyTricklingInSmallChunks_YieldsTheFirstItemBeforeTheBodyIsComplete()
    {
        const int Count = 1000;
        var firstItemSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restSent = false;
        var serverGaveUp = false;
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            await WriteInChunksAsync(context, "{\"meta\": {\"note\": \"streamed\"}, \"data\": [" + Item(0), chunk: 5);
            try
            {
                // A client that buffered the body would wait here forever: the rest comes only after it yielded item 0.
                await firstItemSeen.Task.WaitAsync(SafetyTimeout.Server, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                serverGaveUp = true;
            }

            var rest = new StringBuilder();
            for (var id = 1; id < Count; id++)
            {
                rest.Append(',').Append(Item(id));
            }

            Volatile.Write(ref restSent, true);
            await WriteInChunksAsync(context, rest.Append("]}").ToString(), chunk: 64);
        });
        using var client = servers.CreateClient();

        await using var items = client.StreamDataAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync().AsTask().WithSafetyTimeout());
        Assert.Equal(new Wing(0, "wing 0"), items.Current);
        Assert.False(Volatile.Read(ref restSent));
        firstItemSeen.SetResult();
        var ids = new List<int> { items.Current.Id };
        while (await items.MoveNextAsync().AsTask().WithSafetyTimeout())
        {
            ids.Add(items.Current.Id);
        }

        Assert.False(serverGaveUp);
        Assert.Equal(Enumerable.Range(0, Count), ids);
    }

    [Fact]
    public async Task StreamDataAsync_BodyFarLargerThanTheLimit_IsReadBecauseTheLimitIsPerElement()
    {
        const int Count = 20_000;
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            var body = new StringBuilder("{\"data\": [");
            for (var id = 0; id < Count; id++)
            {
                body.Append(id == 0 ? string.Empty : ",").Append(Item(id));
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.Append("]}").ToString()), context.RequestAborted);
        });
        using var client = servers.CreateClient(options => options.MaxResponseContentBytes = 1024);

        var wings = await client.StreamDataAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(Enumerable.Range(0, Count), wings.Select(w => w.Id));
    }

    [Fact]
    public async Task StreamDataAsync_OneElementOverTheLimit_ThrowsFormatExceptionAfterTheElementsBeforeIt()
    {
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            var body = new StringBuilder("{\"data\": [");
            for (var id = 0; id < 500; id++)
            {
                body.Append(Item(id)).Append(',');
            }

            body.Append("{\"id\":500,\"name\":\"").Append('w', 2000).Append("\"}, ").Append(Item(501)).Append("]}");
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToString()), context.RequestAborted);
        });
        using var client = servers.CreateClient(options => options.MaxResponseContentBytes = 1024);
        var wings = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => client.StreamDataAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).CollectAsync(wings));

        Assert.Equal(500, wings.Count);
        Assert.Contains("a data element larger than the limit of 1024 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamDataAsync_BodyStallsLongerThanTheTimeout_ThrowsConnectorTimeoutException()
    {
        var time = new FakeTimeProvider();
        using var gate = new ServerGate();
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            await WriteInChunksAsync(context, "{\"data\": [" + Item(0), chunk: 1024);
            await gate.WaitAsync(context);
        });
        using var client = servers.CreateClient(options =>
        {
            options.TimeProvider = time;
            options.Timeout = TimeSpan.FromSeconds(5);
        });

        await using var items = client.StreamDataAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync().AsTask().WithSafetyTimeout());

        // The client now waits on the socket for more; nothing comes. Time passes, but less than the timeout.
        var next = items.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => next.WithSafetyTimeout());

        Assert.Equal(TimeSpan.FromSeconds(5), exception.Timeout);
        Assert.Contains("stalled", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamDataAsync_CallerCancelsMidBody_ThrowsOperationCanceledWithItsToken()
    {
        using var gate = new ServerGate();
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            await WriteInChunksAsync(context, "{\"data\": [" + Item(0), chunk: 1024);
            await gate.WaitAsync(context);
        });
        using var client = servers.CreateClient();
        using var cancellation = new CancellationTokenSource();

        await using var items = client.StreamDataAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing, cancellation.Token).GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync().AsTask().WithSafetyTimeout());
        var next = items.MoveNextAsync().AsTask();
        await cancellation.CancelAsync();
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WithSafetyTimeout());

        Assert.Equal(cancellation.Token, exception.CancellationToken);
    }

    private static string Item(int id) => $"{{\"id\":{id},\"name\":\"wing {id}\"}}";

    private static async Task WriteInChunksAsync(HttpContext context, string text, int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
