namespace CustomConnector.IntegrationTests;

/// <summary>
/// Every built-in strategy against a real server: a short last page (1,003 records), an exactly
/// full last page (1,000), no records at all, and the totals some APIs give. Every record must
/// arrive exactly once, in order, with no more requests than the data needs.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class PaginationStrategyTests(TestServerFixture servers)
{
    private LoopbackServer Server => servers.Primary;

    public static TheoryData<PagingStyle, int, int> Cases()
    {
        var cases = new TheoryData<PagingStyle, int, int>();
        foreach (var style in Enum.GetValues<PagingStyle>())
        {
            // 11 pages, the last one short: nothing may follow it.
            cases.Add(style, 1003, 11);

            // 10 full pages: without a total the client cannot know page 10 was the last, and
            // may ask for one more (empty) page, but never for more than that.
            cases.Add(style, 1000, PagedWingsApi.HasTotal(style) ? 10 : 11);

            // One empty page, and done.
            cases.Add(style, 0, 1);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PaginateAsync_EveryStrategy_YieldsEveryRecordOnceWithTheFewestRequests(PagingStyle style, int total, int expectedRequests)
    {
        var path = PagedWingsApi.Map(Server, style, total);
        using var client = servers.CreateClient();

        var wings = await client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), PagedWingsApi.Strategy(style), IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(Enumerable.Range(0, total), wings.Select(w => w.Id));
        Assert.All(wings, wing => Assert.Equal($"wing {wing.Id}", wing.Name));
        var requests = Server.RequestsTo(path);
        Assert.Equal(expectedRequests, requests.Count);

        // The page size goes out on every request, links included: the server's default is another.
        Assert.All(requests, request => Assert.Equal(["100"], request.QueryValues(PagedWingsApi.PageSizeParameter(style))));
    }

    [Theory]
    [InlineData(PagingStyle.PageNumberWithTotal)]
    [InlineData(PagingStyle.OffsetWithTotal)]
    public async Task PaginateAsync_TotalInTheBodyReached_StopsThoughThePagesAreFull(PagingStyle style)
    {
        // The server has more, but says there are 3 pages (300 records): the total wins.
        var path = PagedWingsApi.Map(Server, style, 1000, totalPagesOverride: 3);
        using var client = servers.CreateClient();

        var wings = await client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), PagedWingsApi.Strategy(style), IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(300, wings.Count);
        Assert.Equal(3, Server.RequestsTo(path).Count);
    }

    [Fact]
    public async Task PaginateAsync_None_SendsOneRequest()
    {
        var path = PagedWingsApi.Map(Server, PagingStyle.PageNumber, 1003);
        using var client = servers.CreateClient();

        var wings = await client.PaginateAsync(ConnectorEndpoint.Get(path).WithQueryParameter("pageSize", 100).Build(), Pagination.None, IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(100, wings.Count);
        Assert.Single(Server.RequestsTo(path));
    }

    [Fact]
    public async Task PaginateAsync_EveryPage_GoesOutWithTheConnectorsCredentials()
    {
        var path = PagedWingsApi.Map(Server, PagingStyle.LinkHeader, 250);
        using var client = servers.CreateClient(options => options.Authentication = Credentials.Create(CredentialKind.Bearer));

        var wings = await client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), PagedWingsApi.Strategy(PagingStyle.LinkHeader), IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(250, wings.Count);
        var requests = Server.RequestsTo(path);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, request => Assert.Equal(Credentials.Expected(CredentialKind.Bearer), request.Header("Authorization")));
    }

    [Fact]
    public async Task PaginatePagesAsync_YieldsPagesWithTheirNumbersCountsAndNextLinks()
    {
        var path = PagedWingsApi.Map(Server, PagingStyle.FullPath, 205);
        using var client = servers.CreateClient();

        var pages = await client.PaginatePagesAsync(ConnectorEndpoint.Get(path).Build(), PagedWingsApi.Strategy(PagingStyle.FullPath), IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal([1, 2, 3], pages.Select(p => p.PageNumber));
        Assert.Equal([100, 100, 5], pages.Select(p => p.ItemCount));
        Assert.Equal(Server.Url($"{path}?page=2&pageSize=100"), pages[0].NextRequestUri);
        Assert.Equal(Server.Url($"{path}?page=2&pageSize=100").ToString(), pages[0].NextRequest!.Link);
        Assert.Null(pages[2].NextRequestUri);
        Assert.Equal(200, pages[1].Items[^1].Id + 1);
        Assert.All(pages, page => Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode));
    }
}
