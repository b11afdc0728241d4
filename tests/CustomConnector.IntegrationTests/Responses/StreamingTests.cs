using System.Text;

namespace CustomConnector.IntegrationTests;

/// <summary>Large payloads are parsed from the socket as they arrive, never read whole into memory first.</summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class StreamingTests(TestServerFixture servers)
{
    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task SendAsync_MultiMegabyteDataArray_ParsesEveryItem()
    {
        const int Count = 40_000;
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("{\"data\": ["u8.ToArray(), context.RequestAborted);
            var batch = new StringBuilder();
            for (var id = 0; id < Count; id++)
            {
                batch.Append(id == 0 ? string.Empty : ",").Append("{\"id\":").Append(id).Append(",\"name\":\"wing ").Append(id).Append(" with a name long enough to make the body a few megabytes\"}");
                if (batch.Length > 32 * 1024 || id == Count - 1)
                {
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(batch.ToString()), context.RequestAborted);
                    batch.Clear();
                }
            }

            await context.Response.Body.WriteAsync("], \"meta\": {\"count\": 40000}}"u8.ToArray(), context.RequestAborted);
        });
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListWing).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsData);
        Assert.Equal(Count, result.Data.Count);
        Assert.Equal(new Wing(0, "wing 0 with a name long enough to make the body a few megabytes"), result.Data[0]);
        Assert.Equal(new Wing(Count - 1, $"wing {Count - 1} with a name long enough to make the body a few megabytes"), result.Data[^1]);
        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(i, result.Data[i].Id);
        }
    }

    [Fact]
    public async Task SendAsync_DataArrayArrivingInParts_DeserializesItemsBeforeTheBodyEnds()
    {
        // The server sends the first part of the array, then waits until the client has parsed an
        // item before it sends the rest. A client that buffered the body first could never parse
        // that item: the server would give up waiting and the test would fail.
        var probe = StreamProbe.Install();
        var itemsReadBeforeRest = -1;
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            await Reply.WriteProbedItemsAsync(context, "{\"data\":[", 0, 2000);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await probe.FirstItemRead.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
                itemsReadBeforeRest = probe.ItemsRead;
            }
            catch (TimeoutException)
            {
                itemsReadBeforeRest = 0;
            }

            await Reply.WriteProbedItemsAsync(context, ",", 2000, 2000);
            await context.Response.Body.WriteAsync("]}"u8.ToArray(), context.RequestAborted);
        });
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListProbedItem).WithSafetyTimeout();

        Assert.True(result.IsData);
        Assert.Equal(4000, result.Data.Count);
        Assert.Equal(3999, result.Data[^1].Id);
        Assert.InRange(itemsReadBeforeRest, 1, 2000);
    }
}
