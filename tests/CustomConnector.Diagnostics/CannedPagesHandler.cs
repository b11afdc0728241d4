using System.Globalization;
using System.Net;
using System.Text;

namespace CustomConnector.Diagnostics;

/// <summary>
/// Answers <c>/records?page=N</c> in process with a canned page of ten records and <c>meta.totalPages</c>,
/// after yielding once (so every stage completes asynchronously, as over a socket). No server shares the
/// heap, so the bytes a walk allocates repeat to the byte and show the library's own per-page cost.
/// </summary>
internal sealed class CannedPagesHandler(int totalPages) : HttpMessageHandler
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes(
        "{\"data\":[" + string.Join(',', Enumerable.Range(0, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"name\":\"record {i}\"}}"))) + "],"
        + string.Create(CultureInfo.InvariantCulture, $"\"meta\":{{\"totalPages\":{totalPages}}}}}"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(_body) { Headers = { { "Content-Type", "application/json" } } },
        };
    }
}
