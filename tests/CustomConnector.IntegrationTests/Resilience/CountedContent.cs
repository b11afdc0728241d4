using System.Net;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// Wraps a response's content and reports its disposal once: <see cref="HttpResponseMessage.Dispose()"/>
/// disposes its content, so a content never disposed is a response never disposed (a leaked connection).
/// </summary>
internal sealed class CountedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Action _onDisposed;
    private int _disposed;

    public CountedContent(HttpContent inner, Action onDisposed)
    {
        _inner = inner;
        _onDisposed = onDisposed;
        foreach (var (name, values) in inner.Headers)
        {
            Headers.TryAddWithoutValidation(name, values);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, cancellationToken);

    // Streams straight from the connection, as the unwrapped content would (no buffering that could hide a leak).
    protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _inner.ReadAsStream(cancellationToken);

    // The copied Content-Length header answers when there is one; otherwise the length is unknown, as on the wire.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inner.Dispose();
            _onDisposed();
        }

        base.Dispose(disposing);
    }
}
