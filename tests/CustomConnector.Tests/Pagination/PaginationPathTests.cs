using System.Text;
using static CustomConnector.Tests.AsyncItems;

namespace CustomConnector.Tests.Pagination;

/// <summary>A pagination path that matches nothing on the first page is an error that names the path and what the page has, not a silent one-page walk.</summary>
public sealed class PaginationPathTests
{
    private static readonly IConnectorEndpoint Wings = ConnectorEndpoint.Get("wings").WithName("listWings").Build();

    [Fact]
    public async Task PaginateAsync_TotalPagesPathMissingOnTheFirstPage_ThrowsNamingThePathAndTheProperties()
    {
        using var connector = new TestConnector(_ => Json(Body(10, "\"paging\": {\"total_pages\": 3}")));
        var items = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page", totalPagesPath: "meta.totalPages"), TestJsonContext.Default.Wing), items));

        Assert.Equal(
            "Pagination path 'meta.totalPages' (totalPagesPath) matched nothing on the first page of 'listWings'; the page's top-level properties are: data, paging. Fix the path in the endpoint's Pagination settings.",
            exception.Message);
        Assert.Equal(10, items.Count);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task PaginateAsync_TotalPagesPathMissingOnAShortFirstPage_StillThrows()
    {
        using var connector = new TestConnector(_ => Json(Body(3, "\"meta\": {\"pages\": 1}")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page", pageSize: 10, totalPagesPath: "meta.totalPages"), TestJsonContext.Default.Wing)));

        Assert.Contains("'meta.totalPages' (totalPagesPath)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("data, meta", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_TotalPathMissingOnTheFirstPage_Throws()
    {
        using var connector = new TestConnector(_ => Json(Body(10, "\"count\": 30")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.Offset("offset", "limit", 10, totalPath: "total"), TestJsonContext.Default.Wing)));

        Assert.Contains("Pagination path 'total' (totalPath) matched nothing on the first page of 'listWings'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("data, count", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_CursorPathWhoseParentIsMissing_ThrowsNamingTheParent()
    {
        using var connector = new TestConnector(_ => Json(Body(10, "\"paging\": {\"after\": \"A\"}")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.Cursor("meta.cursor", "after"), TestJsonContext.Default.Wing)));

        Assert.Contains("Pagination path 'meta.cursor' (cursorPath) matched nothing on the first page of 'listWings' ('meta' is not in the page)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("data, paging", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PaginateAsync_NextPathWhoseParentIsMissing_Throws(bool full)
    {
        using var connector = new TestConnector(_ => Json(Body(10, "\"next\": \"https://api.example.com/wings?page=2\"")));
        var strategy = full ? CustomConnector.Pagination.FullPath("links.next") : CustomConnector.Pagination.RelativePath("links.next");

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, strategy, TestJsonContext.Default.Wing)));

        Assert.Contains("'links.next' (nextPath)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'links' is not in the page", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_NextLinkMissingUnderAPresentParent_EndsQuietly()
    {
        // The last (here: only) page has no next link: that is how paging ends, not a mistake.
        using var connector = new TestConnector(_ => Json(Body(10, "\"links\": {\"self\": \"wings\"}")));

        var items = await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.RelativePath("links.next"), TestJsonContext.Default.Wing));

        Assert.Equal(10, items.Count);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task PaginateAsync_TopLevelCursorMissing_EndsQuietly()
    {
        using var connector = new TestConnector(_ => Json(Body(10, "\"paging\": {}")));

        var items = await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.Cursor("next_cursor", "after"), TestJsonContext.Default.Wing));

        Assert.Equal(10, items.Count);
    }

    [Fact]
    public async Task PaginateAsync_ParentMissingOnAShortFirstPage_EndsQuietly()
    {
        // A short page is the last one, and some APIs leave the whole paging object off it.
        using var connector = new TestConnector(_ => Json(Body(4)));

        var items = await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.Cursor("paging.after", "after", pageSize: 10), TestJsonContext.Default.Wing));

        Assert.Equal(4, items.Count);
    }

    [Fact]
    public async Task PaginateAsync_EmptyFirstPageWithoutTheTotal_EndsQuietly()
    {
        using var connector = new TestConnector(_ => Json(Body(0)));

        Assert.Empty(await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page", totalPagesPath: "meta.totalPages"), TestJsonContext.Default.Wing)));
    }

    [Fact]
    public async Task PaginateAsync_TotalPagesPresentOnlyOnTheFirstPage_IsNotCheckedAgain()
    {
        using var connector = new TestConnector(request => Json(request.RequestUri!.Query.Contains("page=1", StringComparison.Ordinal) ? Body(10, "\"meta\": {\"totalPages\": 2}") : Body(5)));

        var items = await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page", pageSize: 10, totalPagesPath: "meta.totalPages"), TestJsonContext.Default.Wing));

        Assert.Equal(15, items.Count);
        Assert.Equal(2, connector.Requests.Count);
    }

    private static HttpResponseMessage Json(string json) => TestConnector.Json(System.Net.HttpStatusCode.OK, json);

    private static string Body(int count, string? extra = null)
    {
        var body = new StringBuilder("{\"data\": [");
        for (var id = 0; id < count; id++)
        {
            body.Append(id == 0 ? string.Empty : ",").Append("{\"id\":").Append(id).Append(",\"name\":\"wing\"}");
        }

        body.Append(']');
        if (extra is not null)
        {
            body.Append(", ").Append(extra);
        }

        return body.Append('}').ToString();
    }
}
