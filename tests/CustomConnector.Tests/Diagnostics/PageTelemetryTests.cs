using System.Diagnostics;
using System.Net;
using System.Text;
using System.Web;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using static CustomConnector.Tests.AsyncItems;

namespace CustomConnector.Tests.Diagnostics;

/// <summary>Page walks in logs, traces and metrics: each page, the end and why, the walk as the parent of its pages, and no secret.</summary>
public sealed class PageTelemetryTests
{
    private const string LinkSecret = "NEXT-Zk81-link-secret";
    private const string KeySecret = "KEY-Pw55-query-key";

    [Fact]
    public async Task PaginateAsync_WalkToTheLastPage_LogsEachPageAndTheEndAtDebugWithRedactedLinks()
    {
        using var capture = new TelemetryRecorder();
        var name = Unique("walk");
        using var connector = Connector(capture, request => Page(request, total: 3));

        var items = await CollectAsync(connector.Client.PaginateAsync(Endpoint(name), Strategy(), TestJsonContext.Default.Wing));

        Assert.Equal(30, items.Count);
        var pages = capture.Records.Where(r => r.Id.Id == 200).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, r => Assert.Equal(("PageFetched", LogLevel.Debug, "CustomConnector.ConnectorClient"), (r.Id.Name, r.Level, r.Category)));
        Assert.Equal(["1", "2", "3"], pages.Select(r => r.GetStructuredStateValue("PageNumber")));
        Assert.All(pages, r => Assert.Equal("10", r.GetStructuredStateValue("Items")));
        Assert.All(pages, r => Assert.Equal(name, r.GetStructuredStateValue("Endpoint")));
        Assert.All(pages, r => Assert.Equal("GET", r.GetStructuredStateValue("Method")));
        var next = pages[0].GetStructuredStateValue("NextLink");
        Assert.Contains("page=2", next, StringComparison.Ordinal);
        Assert.Contains("api_key=REDACTED", next, StringComparison.Ordinal);
        Assert.Null(pages[2].GetStructuredStateValue("NextLink"));

        var finished = Assert.Single(capture.Records, r => r.Id.Id == 201);
        Assert.Equal(("PagingFinished", LogLevel.Debug), (finished.Id.Name, finished.Level));
        Assert.Equal("3", finished.GetStructuredStateValue("Pages"));
        Assert.Equal("30", finished.GetStructuredStateValue("Items"));
        Assert.Equal("no_next_link", finished.GetStructuredStateValue("StopReason"));
        capture.AssertNoSecret([LinkSecret, KeySecret]);
    }

    [Theory]
    [InlineData("empty_page", 2, 10)]
    [InlineData("max_items", 2, 15)]
    [InlineData("max_pages", 2, 20)]
    [InlineData("error", 1, 10)]
    [InlineData("caller_stopped", 1, 10)]
    [InlineData("cancelled", 1, 10)]
    public async Task PaginatePagesAsync_WalkEnds_SaysWhyInTheLogAndOnTheWalkActivity(string reason, int expectedPages, long expectedItems)
    {
        using var capture = new TelemetryRecorder();
        var name = Unique(reason);
        using var connector = Connector(capture, request => reason switch
        {
            "empty_page" => Page(request, total: 5, emptyFrom: 2),
            "error" when PageNumber(request) == 2 => TestConnector.Json(HttpStatusCode.InternalServerError, """{"error":{"code":"500","description":"down"}}"""),
            _ => Page(request, total: 5),
        });
        var options = reason switch
        {
            "max_items" => new PaginationOptions { MaxItems = 15 },
            "max_pages" => new PaginationOptions { MaxPages = 2 },
            _ => null,
        };
        using var cancellation = new CancellationTokenSource();

        var thrown = await Record.ExceptionAsync(async () =>
        {
            await foreach (var page in connector.Client.PaginatePagesAsync(Endpoint(name), Strategy(options), TestJsonContext.Default.Wing, cancellation.Token))
            {
                if (reason == "caller_stopped")
                {
                    break;
                }

                if (reason == "cancelled")
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(reason is "max_pages" or "error" or "cancelled", thrown is not null);
        var finished = Assert.Single(capture.Records, r => r.Id.Id == 201);
        Assert.Equal(reason, finished.GetStructuredStateValue("StopReason"));
        Assert.Equal(expectedPages.ToString(System.Globalization.CultureInfo.InvariantCulture), finished.GetStructuredStateValue("Pages"));
        Assert.Equal(expectedItems.ToString(System.Globalization.CultureInfo.InvariantCulture), finished.GetStructuredStateValue("Items"));

        var walk = Assert.Single(capture.Activities, a => a.OperationName == $"GET {name} pages");
        Assert.Equal(reason, walk.GetTagItem("customconnector.pages.stop_reason"));
        Assert.Equal(expectedPages, walk.GetTagItem("customconnector.pages"));
        Assert.Equal(expectedItems, walk.GetTagItem("customconnector.items"));
        if (reason is "max_pages" or "error")
        {
            Assert.Equal(ActivityStatusCode.Error, walk.Status);
            Assert.Equal(thrown!.GetType().FullName, walk.GetTagItem("error.type"));
        }
        else
        {
            Assert.Equal(ActivityStatusCode.Unset, walk.Status);
            Assert.Null(walk.GetTagItem("error.type"));
        }

        capture.AssertNoSecret([LinkSecret, KeySecret]);
    }

    [Fact]
    public async Task PaginateAsync_Traced_TheWalkActivityIsTheParentOfEachPageCall()
    {
        using var capture = new TelemetryRecorder();
        var name = Unique("traced");
        using var connector = Connector(capture, request => Page(request, total: 3));

        await foreach (var item in connector.Client.PaginateAsync(Endpoint(name), Strategy(), TestJsonContext.Default.Wing))
        {
            // The walk is the pages' parent, never the caller's own current activity between pages.
            Assert.Same(capture.Root, Activity.Current);
        }

        var walk = Assert.Single(capture.Activities, a => a.OperationName == $"GET {name} pages");
        Assert.Equal(ActivityKind.Internal, walk.Kind);
        Assert.Equal(capture.Root.SpanId, walk.ParentSpanId);
        Assert.Equal("GET", walk.GetTagItem("http.request.method"));
        Assert.Equal(name, walk.GetTagItem("customconnector.endpoint"));
        Assert.Null(walk.GetTagItem("customconnector.connector"));
        Assert.Equal(3, walk.GetTagItem("customconnector.pages"));
        Assert.Equal(30L, walk.GetTagItem("customconnector.items"));
        Assert.Equal("no_next_link", walk.GetTagItem("customconnector.pages.stop_reason"));
        var calls = capture.Activities.Where(a => a.OperationName == $"GET {name}").ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.Equal(walk.SpanId, call.ParentSpanId));
        Assert.All(calls, call => Assert.Equal(ActivityKind.Client, call.Kind));
        capture.AssertNoSecret([LinkSecret, KeySecret]);
    }

    [Fact]
    public async Task PaginateAsync_Metered_CountsPagesAndItemsWithLowCardinalityTags()
    {
        using var capture = new TelemetryRecorder();
        var name = Unique("metered");
        using var pages = new MetricCollector<long>(null, ConnectorDiagnostics.MeterName, "customconnector.client.pages");
        using var items = new MetricCollector<long>(null, ConnectorDiagnostics.MeterName, "customconnector.client.items");
        using var connector = Connector(capture, request => Page(request, total: 3, lastCount: 4));

        await CollectAsync(connector.Client.PaginateAsync(Endpoint(name), Strategy(), TestJsonContext.Default.Wing));

        // The library's own meter is shared by every test that runs at the same time: this walk's endpoint tells its measurements apart.
        var ownPages = pages.GetMeasurementSnapshot().Where(m => name.Equals(m.Tags["customconnector.endpoint"])).ToList();
        var ownItems = items.GetMeasurementSnapshot().Where(m => name.Equals(m.Tags["customconnector.endpoint"])).ToList();
        Assert.Equal([1L, 1L, 1L], ownPages.Select(m => m.Value));
        Assert.Equal([10L, 10L, 4L], ownItems.Select(m => m.Value));
        foreach (var measurement in ownPages.Concat(ownItems))
        {
            Assert.Equal(["customconnector.endpoint", "http.request.method"], measurement.Tags.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("GET", measurement.Tags["http.request.method"]);
        }

        capture.AssertNoSecret([LinkSecret, KeySecret], ownPages.Concat(ownItems).SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")));
    }

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}";

    private static IConnectorEndpoint Endpoint(string name) => ConnectorEndpoint.Get("wings").WithName(name).Build();

    private static IPaginationStrategy Strategy(PaginationOptions? options = null) => CustomConnector.Pagination.RelativePath("next", options: options);

    private static TestConnector Connector(TelemetryRecorder capture, Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(respond, new ConnectorClientOptions
        {
            LoggerFactory = capture.LoggerFactory,
            Authentication = new ApiKeyProvider("x_key", KeySecret, ApiKeyLocation.Query),
        });

    private static int PageNumber(HttpRequestMessage request) =>
        int.TryParse(HttpUtility.ParseQueryString(request.RequestUri!.Query)["page"], out var page) ? page : 1;

    /// <summary>Page n of <paramref name="total"/>, ten wings each, with a next link holding a secret in its query (and the API key, which must stay redacted too).</summary>
    private static HttpResponseMessage Page(HttpRequestMessage request, int total, int emptyFrom = int.MaxValue, int lastCount = 10)
    {
        var n = PageNumber(request);
        var count = n >= emptyFrom ? 0 : n == total ? lastCount : 10;
        var body = new StringBuilder("{\"data\": [");
        for (var i = 0; i < count; i++)
        {
            body.Append(i == 0 ? string.Empty : ",").Append("{\"id\":").Append((n * 100) + i).Append(",\"name\":\"wing\"}");
        }

        body.Append(']');
        if (n < total)
        {
            body.Append(", \"next\": \"wings?page=").Append(n + 1).Append("&api_key=").Append(LinkSecret).Append("&x_key=").Append(KeySecret).Append('"');
        }

        return TestConnector.Json(HttpStatusCode.OK, body.Append('}').ToString());
    }
}
