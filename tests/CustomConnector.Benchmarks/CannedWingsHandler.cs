using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace CustomConnector.Benchmarks;

/// <summary>
/// The benchmark API's routes and answers (<see cref="LoopbackApi"/>) without a socket: every column of the peer
/// benchmarks can run over it in process, so that their allocations per call are exact and repeat to the byte.
/// It yields once per request, so that every stage above it completes asynchronously, as over a network.
/// </summary>
public sealed class CannedWingsHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (request.Content is { } sent)
        {
            await sent.CopyToAsync(Stream.Null, cancellationToken);
        }

        // Paths as LoopbackApi maps them under /api/v1/: wings, wings/{id}.
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        var id = path.EndsWith("/wings", StringComparison.Ordinal) ? null : path[(path.LastIndexOf('/') + 1)..];
        if (request.Method == HttpMethod.Post)
        {
            return id is null ? Answer(request, HttpStatusCode.Created, LoopbackApi.Bodies.Created) : new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
        }

        if (id is not null)
        {
            return id == "1001" ? Answer(request, HttpStatusCode.OK, LoopbackApi.Bodies.Small) : Answer(request, HttpStatusCode.NotFound, LoopbackApi.Bodies.NotFound);
        }

        return PageOf(uri.Query) is { } page ? Answer(request, HttpStatusCode.OK, LoopbackApi.Bodies.Pages[page - 1]) : Answer(request, HttpStatusCode.OK, LoopbackApi.Bodies.Large);
    }

    private static int? PageOf(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("page=", StringComparison.Ordinal) && int.TryParse(pair.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= LoopbackApi.PageCount)
            {
                return page;
            }
        }

        return null;
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, HttpStatusCode status, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpResponseMessage(status) { Content = content, RequestMessage = request };
    }
}
