using static CustomConnector.Tests.Endpoints.ConnectorPageTests;

namespace CustomConnector.Tests.Pagination;

/// <summary>The built-in strategies' decisions, page by page, without any HTTP.</summary>
public sealed class PaginationTests
{
    private static readonly IConnectorEndpoint Endpoint = ConnectorEndpoint.Get("wings").Build();

    [Fact]
    public void None_NeverAsksForAnotherPage()
    {
        Assert.Null(CustomConnector.Pagination.None.GetFirstRequest(Endpoint));
        Assert.Null(CustomConnector.Pagination.None.GetNextRequest(Page("""{"next": "x"}""")));
    }

    [Fact]
    public void PageNumber_CountsUpFromTheFirstPageAndSendsThePageSize()
    {
        var strategy = CustomConnector.Pagination.PageNumber("page", firstPage: 0, pageSizeParameter: "size", pageSize: 50);

        AssertQuery(strategy.GetFirstRequest(Endpoint), ("page", "0"), ("size", "50"));
        AssertQuery(strategy.GetNextRequest(Page(null, pageNumber: 1, itemCount: 50)), ("page", "1"));
        AssertQuery(strategy.GetNextRequest(Page(null, pageNumber: 7, itemCount: 50)), ("page", "7"));
    }

    [Fact]
    public void PageNumber_ShortPage_IsTheLast()
    {
        var strategy = CustomConnector.Pagination.PageNumber("page", pageSizeParameter: "size", pageSize: 50);

        Assert.Null(strategy.GetNextRequest(Page(null, itemCount: 49)));
    }

    [Fact]
    public void PageNumber_UnknownPageSize_KeepsGoingAfterAShortPage()
    {
        var strategy = CustomConnector.Pagination.PageNumber("page");

        Assert.Null(strategy.GetFirstRequest(Endpoint)!.Link);
        AssertQuery(strategy.GetNextRequest(Page(null, itemCount: 3)), ("page", "2"));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    public void PageNumber_TotalPagesInTheBody_StopsWhenThatManyWereRead(int pageNumber, bool stops)
    {
        var strategy = CustomConnector.Pagination.PageNumber("page", pageSize: 100, totalPagesPath: "meta.totalPages");

        var next = strategy.GetNextRequest(Page("""{"meta": {"totalPages": 10}}""", pageNumber: pageNumber));

        Assert.Equal(stops, next is null);
    }

    [Fact]
    public void Offset_SendsOffsetsOfTheItemsReadSoFar()
    {
        var strategy = CustomConnector.Pagination.Offset("skip", "take", 100);

        AssertQuery(strategy.GetFirstRequest(Endpoint), ("skip", "0"), ("take", "100"));
        AssertQuery(strategy.GetNextRequest(Page(null, pageNumber: 3, itemCount: 100, totalItemCount: 300)), ("skip", "300"));
        Assert.Null(strategy.GetNextRequest(Page(null, pageNumber: 4, itemCount: 99, totalItemCount: 399)));
    }

    [Theory]
    [InlineData(900, false)]
    [InlineData(1000, true)]
    public void Offset_TotalInTheBody_StopsWhenThatManyWereRead(long readSoFar, bool stops)
    {
        var strategy = CustomConnector.Pagination.Offset("offset", "limit", 100, totalPath: "meta.total");

        var next = strategy.GetNextRequest(Page("""{"meta": {"total": "1000"}}""", itemCount: 100, totalItemCount: readSoFar));

        Assert.Equal(stops, next is null);
    }

    [Theory]
    [InlineData("""{"paging": {"cursors": {"after": "c-200"}}}""", "c-200")]
    [InlineData("""{"paging": {"cursors": {"after": 42}}}""", "42")]
    [InlineData("""{"paging": {"cursors": {"after": ""}}}""", null)]
    [InlineData("""{"paging": {"cursors": {"after": null}}}""", null)]
    [InlineData("""{"paging": {}}""", null)]
    public void Cursor_SendsTheCursorBackUntilThereIsNone(string body, string? expected)
    {
        var strategy = CustomConnector.Pagination.Cursor("paging.cursors.after", "after", "limit", 100);

        AssertQuery(strategy.GetFirstRequest(Endpoint), ("limit", "100"));
        var next = strategy.GetNextRequest(Page(body));
        if (expected is null)
        {
            Assert.Null(next);
        }
        else
        {
            AssertQuery(next, ("after", expected));
        }
    }

    [Fact]
    public void RelativePath_LinkInTheBody_IsFollowedWithThePageSizeSetOnIt()
    {
        var strategy = CustomConnector.Pagination.RelativePath("links.next", pageSizeParameter: "size", pageSize: 100);

        var next = strategy.GetNextRequest(Page("""{"links": {"next": "wings?page=2&size=10"}}"""));

        Assert.Equal("wings?page=2&size=10", next!.Link);
        AssertQuery(next, ("size", "100"));
    }

    [Fact]
    public void RelativePath_WithBaseUri_AppendsTheLinkToTheWholeBasePath()
    {
        var strategy = CustomConnector.Pagination.RelativePath("next", new Uri("https://api.test/v2/"));

        Assert.Equal("https://api.test/v2/wings?page=2", strategy.GetNextRequest(Page("""{"next": "/wings?page=2"}"""))!.Link);
        Assert.Equal("https://other.test/wings?page=2", strategy.GetNextRequest(Page("""{"next": "https://other.test/wings?page=2"}"""))!.Link);
    }

    [Theory]
    [InlineData("""{"next": null}""")]
    [InlineData("""{"next": "  "}""")]
    [InlineData("{}")]
    public void RelativePath_NoLink_IsTheLastPage(string body)
    {
        Assert.Null(CustomConnector.Pagination.RelativePath("next").GetNextRequest(Page(body)));
    }

    [Fact]
    public void RelativePath_ShortPage_IsTheLastEvenWithALink()
    {
        var strategy = CustomConnector.Pagination.RelativePath("next", pageSize: 100);

        Assert.Null(strategy.GetNextRequest(Page("""{"next": "wings?page=2"}""", itemCount: 99)));
    }

    [Fact]
    public void FullPath_AbsoluteLink_IsFollowed()
    {
        var next = CustomConnector.Pagination.FullPath("meta.next").GetNextRequest(Page("""{"meta": {"next": "https://api.test/v1/wings?page=2"}}"""));

        Assert.Equal("https://api.test/v1/wings?page=2", next!.Link);
    }

    [Fact]
    public void FullPath_RelativeLink_ThrowsFormatExceptionNamingThePathWithoutTheSecret()
    {
        var strategy = CustomConnector.Pagination.FullPath("meta.next");

        var exception = Assert.Throws<ConnectorResponseFormatException>(() => strategy.GetNextRequest(Page("""{"meta": {"next": "wings?page=2&api_key=s3cret"}}""")));

        Assert.Contains("'meta.next'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Pagination.RelativePath", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkHeader_NextRelation_IsFollowed()
    {
        var strategy = CustomConnector.Pagination.LinkHeader("per_page", 100);

        var next = strategy.GetNextRequest(Page(null, linkHeader: """<https://api.test/v1/wings?page=2>; rel="next", <https://api.test/v1/wings?page=11>; rel="last" """));

        Assert.Equal("https://api.test/v1/wings?page=2", next!.Link);
        AssertQuery(next, ("per_page", "100"));
        Assert.Null(strategy.GetNextRequest(Page(null, linkHeader: """<https://api.test/v1/wings?page=1>; rel="first" """)));
        Assert.Null(strategy.GetNextRequest(Page(null)));
    }

    [Fact]
    public void Factories_InvalidArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("nextPath", Assert.Throws<ArgumentException>(() => CustomConnector.Pagination.RelativePath("meta..next")).ParamName);
        Assert.Equal("baseUri", Assert.Throws<ArgumentException>(() => CustomConnector.Pagination.RelativePath("next", new Uri("/v1", UriKind.Relative))).ParamName);
        Assert.Equal("pageSize", Assert.Throws<ArgumentException>(() => CustomConnector.Pagination.Cursor("next", "after", pageSizeParameter: "limit")).ParamName);
        Assert.Equal("pageSize", Assert.Throws<ArgumentOutOfRangeException>(() => CustomConnector.Pagination.LinkHeader(pageSize: 0)).ParamName);
        Assert.Equal("firstPage", Assert.Throws<ArgumentOutOfRangeException>(() => CustomConnector.Pagination.PageNumber("page", firstPage: -1)).ParamName);
        Assert.Equal("limit", Assert.Throws<ArgumentOutOfRangeException>(() => CustomConnector.Pagination.Offset("offset", "limit", 0)).ParamName);
        Assert.Equal("totalPath", Assert.Throws<ArgumentException>(() => CustomConnector.Pagination.Offset("offset", "limit", 10, totalPath: "")).ParamName);
        Assert.Equal("pageParameter", Assert.Throws<ArgumentException>(() => CustomConnector.Pagination.PageNumber(" ")).ParamName);
    }

    [Fact]
    public void PaginationOptions_OutOfRangeLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaginationOptions { MaxPages = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaginationOptions { MaxItems = 0 });
        Assert.Equal(10_000, new PaginationOptions().MaxPages);
        Assert.Null(new PaginationOptions().MaxItems);
        Assert.False(new PaginationOptions().AllowCrossOriginLinks);
    }

    [Fact]
    public void Strategies_CarryTheirOptions()
    {
        var options = new PaginationOptions { MaxItems = 5 };

        Assert.Same(options, CustomConnector.Pagination.LinkHeader(options: options).Options);
        Assert.Null(CustomConnector.Pagination.LinkHeader().Options);
    }

    private static void AssertQuery(PageRequest? request, params (string Name, string Value)[] expected)
    {
        Assert.NotNull(request);
        Assert.Equal(expected.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)), request.QueryParameters);
    }
}
