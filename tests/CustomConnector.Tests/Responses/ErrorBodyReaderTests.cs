using System.Net;
using System.Text;
using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

/// <summary>
/// The error body reader reads a bounded body into a pooled buffer and parses it in place: whatever the body's
/// length (known or not, past the first buffer or not), its encoding mark, or its shape, the error is found,
/// and an unreadable or oversized body falls back to the status.
/// </summary>
public sealed class ErrorBodyReaderTests
{
    [Fact]
    public async Task ReadAsync_Envelope_ReturnsItsCodeAndDescription()
    {
        using var response = Json(HttpStatusCode.NotFound, """{"error": {"code": "404", "description": "No such wing."}}""");

        var error = await ErrorBodyReader.ReadAsync(response, "error", 1024, CancellationToken.None);

        Assert.Equal(("404", "No such wing."), (error.Code, error.Description));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_BodyLongerThanTheFirstBuffer_IsReadWhole(bool declaresLength)
    {
        var description = new string('d', 5000);
        var json = Encoding.UTF8.GetBytes("{\"padding\": \"" + new string('p', 3000) + "\", \"error\": {\"code\": \"E42\", \"description\": \"" + description + "\"}}");
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = Body(json, declaresLength) };

        var error = await ErrorBodyReader.ReadAsync(response, "error", 1024 * 1024, CancellationToken.None);

        Assert.Equal(("E42", description), (error.Code, error.Description));
    }

    [Fact]
    public async Task ReadAsync_Utf8ByteOrderMark_IsSkipped()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. """{"error": {"code": "409", "description": "Taken."}}"""u8];
        using var response = new HttpResponseMessage(HttpStatusCode.Conflict) { Content = Body(json, declaresLength: true) };

        var error = await ErrorBodyReader.ReadAsync(response, "error", 1024, CancellationToken.None);

        Assert.Equal(("409", "Taken."), (error.Code, error.Description));
    }

    [Fact]
    public async Task ReadAsync_ProblemDetails_JoinsTitleAndDetail()
    {
        using var response = Json(HttpStatusCode.BadRequest, """{"title": "Invalid wing", "detail": "Name is required."}""", "application/problem+json");

        var error = await ErrorBodyReader.ReadAsync(response, "error", 1024, CancellationToken.None);

        Assert.Equal(("400", "Invalid wing: Name is required."), (error.Code, error.Description));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_BodyOverTheLimit_FallsBackToTheStatus(bool declaresLength)
    {
        var json = Encoding.UTF8.GetBytes("{\"error\": {\"code\": \"E1\", \"description\": \"" + new string('x', 4000) + "\"}}");
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = Body(json, declaresLength), ReasonPhrase = "Busy" };

        var error = await ErrorBodyReader.ReadAsync(response, "error", 1000, CancellationToken.None);

        Assert.Equal(("503", "Busy"), (error.Code, error.Description));
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_FallsBackToTheStatus()
    {
        using var response = Json(HttpStatusCode.InternalServerError, """{"error": {"code": """);
        response.ReasonPhrase = "Server Error";

        var error = await ErrorBodyReader.ReadAsync(response, "error", 1024, CancellationToken.None);

        Assert.Equal(("500", "Server Error"), (error.Code, error.Description));
    }

    /// <summary>
    /// Around the limit and the first buffer's size, with and without a declared length and a byte order mark, read
    /// whole or a byte at a time: the same error as the JsonDocument.ParseAsync version this reader replaced.
    /// </summary>
    [Fact]
    public async Task ReadAsync_LengthsAroundTheLimitAndTheBuffer_AgreeWithParseAsync()
    {
        var failures = new List<string>();
        foreach (var limit in new long[] { 64, 128, 1024, 2048 })
        {
            foreach (var size in new[] { 60, 63, 64, 65, 127, 128, 129, 1023, 1024, 1025, 2047, 2048, 2049 })
            {
                foreach (var (declares, bom, chunk) in new[] { (true, false, 4096), (false, false, 1), (true, true, 1), (false, true, 4096) })
                {
                    var body = ErrorOfSize(size, bom);
                    using var actualResponse = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = Chunked(body, declares, chunk), ReasonPhrase = "Bad" };
                    using var expectedResponse = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = Chunked(body, declares, chunk), ReasonPhrase = "Bad" };

                    var actual = await ErrorBodyReader.ReadAsync(actualResponse, "error", limit, CancellationToken.None);
                    var expected = await ParseAsyncVersion(expectedResponse, limit);
                    if ((actual.Code, actual.Description) != expected)
                    {
                        failures.Add($"limit {limit}, size {size}, declared {declares}, BOM {bom}, reads of {chunk}: {actual.Code} vs {expected.Code}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task ReadAsync_CancelledMidBody_ThrowsRatherThanFallingBack()
    {
        using var cancellation = new CancellationTokenSource();
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StreamContent(new CancelAfterFirstRead(ErrorOfSize(3000, bom: false), cancellation)) };
        response.Content.Headers.ContentType = new("application/json");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ErrorBodyReader.ReadAsync(response, "error", 1024 * 1024, cancellation.Token).AsTask());
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    private static byte[] ErrorOfSize(int size, bool bom)
    {
        const string Head = "{\"error\": {\"code\": \"E1\", \"description\": \"";
        const string Tail = "\"}}";
        var text = Encoding.UTF8.GetBytes(Head + new string('x', Math.Max(0, size - Head.Length - Tail.Length - (bom ? 3 : 0))) + Tail);
        return bom ? [0xEF, 0xBB, 0xBF, .. text] : text;
    }

    private static StreamContent Chunked(byte[] body, bool declaresLength, int readSize)
    {
        var content = new StreamContent(new TrickleStream(body, readSize));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength = declaresLength ? body.Length : null;
        return content;
    }

    /// <summary>What the reader did before it read into a pooled buffer: JsonDocument.ParseAsync over the limited stream.</summary>
    private static async Task<(string Code, string? Description)> ParseAsyncVersion(HttpResponseMessage response, long limit)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            return ("400", "Bad");
        }

        try
        {
            await using var limited = new LimitedReadStream(await response.Content.ReadAsStreamAsync(), limit);
            using var document = await JsonDocument.ParseAsync(limited);
            var error = document.RootElement.GetProperty("error");
            return (error.GetProperty("code").GetString()!, error.GetProperty("description").GetString());
        }
        catch (Exception exception) when (exception is JsonException or IOException)
        {
            return ("400", "Bad");
        }
    }

    /// <summary>Hands out 100 bytes, then cancels the read's token, as a caller giving up mid-body.</summary>
    private sealed class CancelAfterFirstRead(byte[] data, CancellationTokenSource cancellation) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 100)], cancellationToken);
            await cancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return read;
        }
    }

    /// <summary>A JSON body with its length declared, or sent in small reads without one (as chunked).</summary>
    private static HttpContent Body(byte[] json, bool declaresLength)
    {
        HttpContent content = declaresLength ? new ByteArrayContent(json) : new StreamContent(new TrickleStream(json, 700));
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
