using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary><see cref="ConnectorClientOptions.MaxResponseContentBytes"/> against real bodies: declared up front, and discovered while reading a chunked one.</summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class ResponseSizeLimitTests(TestServerFixture servers)
{
    private const int Limit = 64 * 1024;
    private const int ChunkCount = 40;
    private const int WingsPerChunk = 100;

    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task SendAsync_ChunkedBodyOverLimit_ThrowsFormatExceptionNamingTheLimit()
    {
        var path = Server.Map(WriteChunkedWingsAsync);
        using var client = servers.CreateClient(options => options.MaxResponseContentBytes = Limit);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(
            () => client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListWing).WithSafetyTimeout());

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Contains("65536 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ConnectorClientOptions.MaxResponseContentBytes), exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("{\"data\":[", exception.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SameChunkedBodyWithinLimit_ReturnsData()
    {
        // The control for the test above: the body is valid, so only the limit can have failed it.
        var path = Server.Map(WriteChunkedWingsAsync);
        using var client = servers.CreateClient(options => options.MaxResponseContentBytes = 4 * 1024 * 1024);

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListWing).WithSafetyTimeout();

        Assert.True(result.IsData);
        Assert.Equal(ChunkCount * WingsPerChunk, result.Data.Count);
    }

    [Fact]
    public async Task SendAsync_ContentLengthOverLimit_ThrowsFormatExceptionBeforeReading()
    {
        var body = """{"data": [""" + string.Join(",", Enumerable.Range(1, 100).Select(i => $$"""{"id": {{i}}, "name": "wing {{i}}"}""")) + "]}";
        var path = Server.Map(Reply.Json(200, body));
        using var client = servers.CreateClient(options => options.MaxResponseContentBytes = 1024);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(
            () => client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListWing).WithSafetyTimeout());

        Assert.Contains($"{Encoding.UTF8.GetByteCount(body)} bytes (Content-Length)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 1024 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.BodyExcerpt);
    }

    [Fact]
    public async Task ParseAsync_ChunkedBodyOverLimitFromPlainHttpClient_ThrowsFormatException()
    {
        // ConnectorResponseParser is public for responses obtained some other way; it must enforce the same limit.
        var path = Server.Map(WriteChunkedWingsAsync);
        using var http = new HttpClient();
        using var response = await http.GetAsync(Server.Url(path), HttpCompletionOption.ResponseHeadersRead).WithSafetyTimeout();
        Assert.Null(response.Content.Headers.ContentLength);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(
            () => ConnectorResponseParser.ParseAsync(response, IntegrationJsonContext.Default.ListWing, new ConnectorClientOptions { MaxResponseContentBytes = Limit }).WithSafetyTimeout());

        Assert.Contains("65536 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Equal(Server.Url(path), exception.RequestUri);
    }


    /// <summary>Writes a valid <c>{"data":[...]}</c> of about 250 KB in flushed chunks and never sets Content-Length.</summary>
    private static async Task WriteChunkedWingsAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var body = context.Response.Body;
        try
        {
            await body.WriteAsync("{\"data\":["u8.ToArray(), context.RequestAborted);
            for (var chunk = 0; chunk < ChunkCount; chunk++)
            {
                var items = new StringBuilder();
                for (var i = 0; i < WingsPerChunk; i++)
                {
                    var id = (chunk * WingsPerChunk) + i;
                    items.Append(id == 0 ? string.Empty : ",").Append("{\"id\":").Append(id).Append(",\"name\":\"wing number ").Append(id).Append(" of the chunked body\"}");
                }

                await body.WriteAsync(Encoding.UTF8.GetBytes(items.ToString()), context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }

            await body.WriteAsync("]}"u8.ToArray(), context.RequestAborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client stopped reading at its limit and went away: that is the point.
        }
    }
}
