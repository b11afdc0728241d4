using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Exact per-call allocations of the README's scenarios over an in-process handler (no socket): raw
/// HttpClient + source-generated STJ as the floor, then the connector with the endpoint built per call
/// the way the README teaches, and with an endpoint built once (what the endpoint itself costs is the
/// difference). Default pipeline throughout.
/// </summary>
public static class CannedEndpointScenarios
{
    private static readonly byte[] Small = Encoding.UTF8.GetBytes("""{"data": {"id": 1001, "name": "Wing", "active": true}}""");
    private static readonly byte[] NotFound = Encoding.UTF8.GetBytes("""{"error": {"code": "404", "description": "Not Found: no such wing."}}""");

    private static readonly byte[] Page = Encoding.UTF8.GetBytes(
        "{\"data\": [" + string.Join(",", Enumerable.Range(1, 100).Select(i => $"{{\"id\": {i}, \"name\": \"Wing {i}\", \"active\": true}}")) + "], \"meta\": {\"page\": 1, \"totalPages\": 100}}");

    public static async Task RunAsync()
    {
        var baseAddress = new Uri("http://127.0.0.1:5000/api/v1/");
        using var http = new HttpClient(new RoutingHandler()) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = baseAddress };
        using var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = baseAddress });
        var json = BenchmarkJsonContext.Default;
        var id = 1001;
        var input = new Wing(0, "Delta", true);

        Console.WriteLine("README scenarios (default pipeline, canned handler)");
        await MeasureAsync("raw: GET wings/{id}", async () =>
        {
            using var response = await http.GetAsync($"wings/{id}", HttpCompletionOption.ResponseHeadersRead);
            _ = await response.Content.ReadFromJsonAsync(json.WingEnvelope);
        });
        await MeasureAsync("raw: POST wings small JSON", async () =>
        {
            using var response = await http.PostAsJsonAsync("wings", input, json.Wing);
            _ = await response.Content.ReadFromJsonAsync(json.WingEnvelope);
        });
        await MeasureAsync("raw: GET 404 envelope", async () =>
        {
            using var response = await http.GetAsync("wings/404", HttpCompletionOption.ResponseHeadersRead);
            _ = (await response.Content.ReadFromJsonAsync(json.ErrorEnvelope))!.Error!.Code; // as the peer benchmark: the error's code
        });
        await MeasureAsync("raw: GET 204", async () =>
        {
            using var response = await http.GetAsync("wings/1001/ping", HttpCompletionOption.ResponseHeadersRead);
            _ = response.StatusCode;
        });

        await MeasureAsync("built per call: GET wings/{id}", async () =>
            _ = await client.SendAsync(ConnectorEndpoint.Get("wings/{id}").WithName("getWing").WithPathParameter("id", id).Build(), json.Wing));
        await MeasureAsync("built per call: POST small JSON", async () =>
            _ = await client.SendAsync(ConnectorEndpoint.Post("wings").WithName("createWing").WithJsonBody(input, json.Wing).Build(), json.Wing));
        await MeasureAsync("built per call: GET 404 as result", async () =>
            _ = await client.SendAsync(ConnectorEndpoint.Get("wings/{id}").WithName("getWing").WithPathParameter("id", 404).Build(), json.Wing));
        await MeasureAsync("built per call: GET 204 empty", async () =>
            _ = await client.SendAsync(ConnectorEndpoint.Get("wings/{id}/ping").WithName("ping").WithPathParameter("id", id).Build(), json.Wing));

        // Defined once, bound per call: the cheap way.
        var getWingTemplate = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").BuildTemplate();
        var createWingTemplate = ConnectorEndpoint.Post("wings").WithName("createWing").BuildTemplate();
        var pingTemplate = ConnectorEndpoint.Get("wings/{id}/ping").WithName("ping").BuildTemplate();
        await MeasureAsync("template bound per call: GET wings/{id}", async () =>
            _ = await client.SendAsync(getWingTemplate.Bind("id", id), json.Wing));
        await MeasureAsync("template bound per call: POST small JSON", async () =>
            _ = await client.SendAsync(createWingTemplate.Bind().WithJsonBody(input, json.Wing), json.Wing));
        await MeasureAsync("template bound per call: GET 404", async () =>
            _ = await client.SendAsync(getWingTemplate.Bind("id", 404), json.Wing));
        await MeasureAsync("template bound per call: GET 204", async () =>
            _ = await client.SendAsync(pingTemplate.Bind("id", id), json.Wing));
        await MeasureAsync("template, reflection: GET wings/{id}", async () =>
            _ = await client.SendAsync<Wing>(getWingTemplate.Bind("id", id)));

        var getWing = ConnectorEndpoint.Get("wings/1001").WithName("getWing").Build();
        await MeasureAsync("built once: GET wings/1001", async () => _ = await client.SendAsync(getWing, json.Wing));

        // The same calls with no Polly strategy at all (no resilience, no total timeout): what the library's own
        // stages cost, beside what the stock strategies cost.
        using var bare = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan, Resilience = { Enabled = false } });
        await MeasureAsync("no Polly, template: GET wings/{id}", async () =>
            _ = await bare.SendAsync(getWingTemplate.Bind("id", id), json.Wing));
        await MeasureAsync("no Polly, template: POST small JSON", async () =>
            _ = await bare.SendAsync(createWingTemplate.Bind().WithJsonBody(input, json.Wing), json.Wing));
        await MeasureAsync("no Polly, template: GET 404", async () =>
            _ = await bare.SendAsync(getWingTemplate.Bind("id", 404), json.Wing));
        await MeasureAsync("no Polly, template: GET 204", async () =>
            _ = await bare.SendAsync(pingTemplate.Bind("id", id), json.Wing));

        Console.WriteLine();
    }

    /// <summary>
    /// Exact allocations of a walk over 100 pages of 100 wings (every page the same body, saying there are
    /// 100 pages): the hand-written loop of the peer benchmarks against <c>PaginateAsync</c>. Per walk.
    /// </summary>
    public static async Task RunPagesAsync()
    {
        var baseAddress = new Uri("http://127.0.0.1:5000/api/v1/");
        using var http = new HttpClient(new RoutingHandler()) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = baseAddress };
        using var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = baseAddress });
        var json = BenchmarkJsonContext.Default;
        var pagination = Pagination.PageNumber("page", pageSizeParameter: "pageSize", pageSize: 100, totalPagesPath: "meta.totalPages");
        var list = ConnectorEndpoint.Get("wings").Build();

        Console.WriteLine("100 pages of 100 wings, per walk (canned handler)");
        var raw = await AllocationMeter.MeasureAsync("raw: 100 pages", async () =>
        {
            for (int page = 1, pages = 1; page <= pages; page++)
            {
                using var response = await http.GetAsync($"wings?page={page}&pageSize=100", HttpCompletionOption.ResponseHeadersRead);
                var envelope = await response.Content.ReadFromJsonAsync(json.WingPageEnvelope);
                foreach (var wing in envelope!.Data!)
                {
                    _ = wing;
                }

                pages = envelope.Meta!.TotalPages;
            }
        }, warmUp: 50, calls: 300);
        var connector = await AllocationMeter.MeasureAsync("connector: PaginateAsync", async () =>
        {
            await foreach (var wing in client.PaginateAsync(list, pagination, json.Wing))
            {
                _ = wing;
            }
        }, warmUp: 50, calls: 300);
        Console.WriteLine($"{"connector over raw, per page",-40} {(connector - raw) / 100,8:F0} B/page ({connector / raw:F3}x)");

        using var bare = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan, Resilience = { Enabled = false } });
        var withoutPolly = await AllocationMeter.MeasureAsync("no Polly: PaginateAsync", async () =>
        {
            await foreach (var wing in bare.PaginateAsync(list, pagination, json.Wing))
            {
                _ = wing;
            }
        }, warmUp: 50, calls: 300);
        Console.WriteLine($"{"no Polly over raw, per page",-40} {(withoutPolly - raw) / 100,8:F0} B/page ({withoutPolly / raw:F3}x)");
        Console.WriteLine();
    }

    private static Task<double> MeasureAsync(string name, Func<Task> call) => AllocationMeter.MeasureAsync(name, call, warmUp: 5_000, calls: 50_000);

    /// <summary>wings/404 answers a 404 error envelope, .../ping a 204, anything else the small envelope (201 for a POST).</summary>
    private sealed class RoutingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (request.Content is { } sent)
            {
                await sent.CopyToAsync(Stream.Null, cancellationToken);
            }

            var path = request.RequestUri!.OriginalString; // no allocation, unlike AbsolutePath
            if (path.Contains("wings?", StringComparison.Ordinal))
            {
                var page = new ByteArrayContent(Page);
                page.Headers.ContentType = new("application/json");
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = page, RequestMessage = request };
            }

            if (path.EndsWith("/ping", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
            }

            var notFound = path.EndsWith("/404", StringComparison.Ordinal);
            var content = new ByteArrayContent(notFound ? NotFound : Small);
            content.Headers.ContentType = new("application/json");
            var status = notFound ? HttpStatusCode.NotFound : request.Method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK;
            return new HttpResponseMessage(status) { Content = content, RequestMessage = request };
        }
    }
}
