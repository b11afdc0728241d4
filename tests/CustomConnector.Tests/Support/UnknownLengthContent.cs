using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CustomConnector.Tests;

/// <summary>A body without a Content-Length, like a chunked response: its size shows only while it is read.</summary>
internal sealed class UnknownLengthContent : HttpContent
{
    private readonly MemoryStream _body;

    private UnknownLengthContent(byte[] body, string mediaType)
    {
        _body = new MemoryStream(body, writable: false);
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    public static UnknownLengthContent Json(string json) => new(Encoding.UTF8.GetBytes(json), "application/json");

    public static UnknownLengthContent Create(byte[] body, string mediaType = "application/json") => new(body, mediaType);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _body.CopyToAsync(stream);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_body);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
