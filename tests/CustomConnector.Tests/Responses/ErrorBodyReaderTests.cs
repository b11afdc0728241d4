using System.Net;
using System.Text;
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

    private static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    /// <summary>A JSON body with its length declared, or sent in small reads without one (as chunked).</summary>
    private static HttpContent Body(byte[] json, bool declaresLength)
    {
        HttpContent content = declaresLength ? new ByteArrayContent(json) : new StreamContent(new TrickleStream(json));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    /// <summary>Hands out at most 700 bytes per read and never says its length.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 700));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 700)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 700), cancellationToken);
    }
}
