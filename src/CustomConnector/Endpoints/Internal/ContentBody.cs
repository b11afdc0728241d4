using System.Net;
using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>Wraps caller-owned content so that disposing the request leaves the caller's content usable.</summary>
internal sealed class ContentBody(HttpContent content) : EndpointBody
{
    public override HttpContent CreateContent(JsonSerializerOptions serializerOptions) => new NonDisposingContent(content);

    private sealed class NonDisposingContent : HttpContent
    {
        private readonly HttpContent _inner;

        public NonDisposingContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _inner.CopyToAsync(stream, context);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(stream, context, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        // The inner content belongs to the endpoint (and so to the caller): never dispose it here.
        protected override void Dispose(bool disposing) => base.Dispose(disposing: false);
    }
}
