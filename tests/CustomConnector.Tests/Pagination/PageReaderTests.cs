using System.Net;
using System.Text;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Pagination;

/// <summary>The page walker's entry into the envelope reader: a page with its position, budget, URI and values.</summary>
public sealed class PageReaderTests
{
    private static readonly ResponseLimits Limits = new(4096, TimeProvider.System, TimeSpan.FromSeconds(30));
    private static readonly Uri PageUri = new("https://api.test/v1/wings?cursor=c1");

    [Fact]
    public async Task ReadAsync_Page_CarriesPositionStatusUriAndValues()
    {
        using var response = Json("""{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}], "next": "c2"}""");

        var page = await PageReader.ReadAsync(response, TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions(), Limits, pageNumber: 3, itemsBefore: 10, itemBudget: long.MaxValue, Origin(), CancellationToken.None);

        Assert.Equal(3, page.PageNumber);
        Assert.Equal(2, page.ItemCount);
        Assert.Equal(12, page.TotalItemCount);
        Assert.Equal([new Wing(1, "a"), new Wing(2, "b")], page.Items);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Same(PageUri, page.RequestUri);
        Assert.Equal("c2", page.GetString("next"));
    }

    [Fact]
    public async Task ReadAsync_MoreItemsThanTheBudget_KeepsTheBudgetButCountsAll()
    {
        using var response = Json("""{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"id": 3, "name": "c"}]}""");

        var page = await PageReader.ReadAsync(response, TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions(), Limits, pageNumber: 1, itemsBefore: 0, itemBudget: 1, Origin(), CancellationToken.None);

        Assert.Equal([new Wing(1, "a")], page.Items);
        Assert.Equal(3, page.ItemCount);
        Assert.Equal(3, page.TotalItemCount);
    }

    [Fact]
    public async Task ReadAsync_NoContent_IsAnEmptyPageAtItsPosition()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NoContent);

        var page = await PageReader.ReadAsync(response, TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions(), Limits, pageNumber: 2, itemsBefore: 5, itemBudget: 10, Origin(), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.ItemCount);
        Assert.Equal(5, page.TotalItemCount);
        Assert.Equal(HttpStatusCode.NoContent, page.StatusCode);
    }

    private static ResponseOrigin Origin() => new("listWings", HttpMethod.Get, PageUri, RedactionPolicy.Default, new ConnectorExceptionMap(), 1);

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
